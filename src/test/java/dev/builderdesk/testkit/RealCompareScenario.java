package dev.builderdesk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run server for looking at the real Compare screen (scripts/real-compare-check.sh): three scripted models —
 * Quokka Coder (the real-window turn: a dozen tool calls, a failed patch, a long answer), Wombat Builder (a failing
 * read it recovers from, a fixture answer) and Numbat Dev (slower, a refactoring answer) — and 15 judged
 * comparisons of the three, so the leaderboard has strengths to show. Prints {@code URL TOKEN} and serves until
 * killed.
 */
public final class RealCompareScenario {
    private RealCompareScenario() {
    }

    public static void main(String[] args) throws Exception {
        TestServer server = TestServer.start(Files.createTempDirectory("bd-real-compare"));
        Api owner = server.owner();
        Map<String, String> models = new LinkedHashMap<>();
        for (String[] m : new String[][] {{"Quokka Coder", "quokka-7b"}, {"Wombat Builder", "wombat-13b"},
                {"Numbat Dev", "numbat-3b"}}) {
            models.put(m[1], owner.post("/models", Map.of("name", m[0], "providers", List.of(Map.of("provider",
                    "scripted", "provider_model_id", m[1])))).json().get("id").asText());
        }
        String app = server.createApp("Pricing site", "vite-react").get("id").asText();
        // Every comparison is verified: the Verify row, its tooltip and the leaderboard's pass rate have values.
        owner.send("PATCH", "/admin/apps/" + app, Map.of("verify", Map.of("argv", List.of("sh", "-c",
                "ls src; test -f src/Pricing.tsx || { echo 'src/Pricing.tsx is missing' >&2; exit 1; }"))));
        judgedHistory(server, app, models);
        for (int i = 0; i < 10; i++) {
            server.llm().script("quokka-7b", RealWindowScenario.turn().toArray(Reply[]::new));
            server.llm().script("wombat-13b", wombat().toArray(Reply[]::new));
            server.llm().script("numbat-3b", Reply.pieces(words(Answers.answer("refactor-hooks")), 25_000_000L));
        }
        System.out.println(server.baseUrl() + " " + TestServer.ACME_OWNER);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static List<Reply> wombat() {
        List<Reply> replies = new ArrayList<>();
        replies.add(Reply.toolCall("Reading the pricing page first.", "coding_agent_read_file",
                "{\"path\":\"src/Pricing.tsx\"}"));
        replies.add(Reply.toolCall("It is not there yet; listing the sources.", "coding_agent_list_files", "{}"));
        replies.add(Reply.toolCall(null, "coding_agent_write_file", "{\"path\":\"src/Pricing.tsx\",\"content\":"
                + dev.builderdesk.protocol.Json.write("export function Pricing() {\n  return <section />;\n}\n")
                + "}"));
        replies.add(Reply.text(Answers.answer("pricing-section")));
        return replies;
    }

    /** The answer in word-sized pieces (a slower model streaming). */
    private static List<String> words(String text) {
        List<String> pieces = new ArrayList<>();
        for (String w : text.split("(?<= )")) {
            pieces.add(w);
        }
        return pieces;
    }

    /** Fifteen small comparisons with verdicts: Quokka wins most, Numbat least, a few ties. */
    private static void judgedHistory(TestServer server, String app, Map<String, String> models) {
        List<String> ids = new ArrayList<>(models.keySet());
        String groups = "/admin/apps/" + app + "/coding-agent/compare-groups";
        for (int g = 0; g < 15; g++) {
            int a = g % 3;
            int b = (g + 1) % 3;
            // The first writes the page (its verify passes) and answers at length; the second only answers.
            server.llm().script(ids.get(a), Reply.toolCall("Writing the page.", "coding_agent_write_file",
                    "{\"path\":\"src/Pricing.tsx\",\"content\":\"export const Pricing = () => <section/>;\\n\"}"),
                    Reply.text(Answers.answer("pricing-section")));
            server.llm().script(ids.get(b), Reply.toolCall("Reading the app.", "coding_agent_read_file",
                    "{\"path\":\"src/App.tsx\"}"), Reply.text(Answers.answer("refactor-hooks")));
            JsonNode group = server.owner().post(groups, Map.of("input", "Warm-up comparison " + (g + 1),
                    "attempts", List.of(Map.of("model_id", models.get(ids.get(a))),
                            Map.of("model_id", models.get(ids.get(b)))))).json();
            String winner = null;
            Map<String, Integer> ratings = new LinkedHashMap<>();
            for (JsonNode run : group.get("runs")) {
                JsonNode done = server.awaitStatus(app, run.get("run_id").asText(), "completed");
                int which = ids.indexOf(providerOf(models, done.get("requested_model_id").asText()));
                boolean favourite = (g % 4 == 3) ? which == Math.max(a, b) : which == Math.min(a, b);
                if (favourite) {
                    winner = run.get("run_id").asText();
                }
                ratings.put(run.get("run_id").asText(), favourite ? 4 + g % 2 : 2 + g % 2);
            }
            Map<String, Object> verdict = new LinkedHashMap<>();
            verdict.put("ratings", ratings);
            if (g % 5 == 4) {
                verdict.put("outcome", "tie");
            } else {
                verdict.put("winner_run_id", winner);
            }
            server.owner().put(groups + "/" + group.get("id").asText() + "/verdict", verdict);
        }
    }

    private static String providerOf(Map<String, String> models, String modelId) {
        return models.entrySet().stream().filter(e -> e.getValue().equals(modelId)).findFirst().orElseThrow()
                .getKey();
    }
}
