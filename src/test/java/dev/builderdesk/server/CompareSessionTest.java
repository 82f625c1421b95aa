package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.LogCapture;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Comparisons created in one request (ours): three scripted models answer one prompt, each in its own sandbox from
 * the same base revision; their metrics are what their own events and diffs say; the draft and the app folder move
 * only on Apply, and back on Undo; a blind comparison names no model on any route until its verdict is saved.
 */
class CompareSessionTest extends ServerTestBase {
    private static final String PROMPT = "Add a pricing section with three tiers";
    Api owner;
    Path folder;
    /** Model name → its id, for three models whose names appear nowhere else. */
    final Map<String, String> models = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        startWithoutApps(TestServer.Options.defaults());
        owner = server.owner();
        folder = dir.resolve("site");
        Files.createDirectories(folder.resolve("src"));
        Files.writeString(folder.resolve("index.html"), "<div id=\"root\"></div>\n");
        Files.writeString(folder.resolve("src/App.tsx"), "export function App() {\n  return <h1>Hi</h1>;\n}\n");
        app = server.adoptFolder("site", folder);
        for (String[] m : new String[][] {{"Quokka Coder", "quokka-7b"}, {"Wombat Builder", "wombat-13b"},
                {"Numbat Dev", "numbat-3b"}}) {
            models.put(m[0], owner.post("/models", Map.of("name", m[0], "providers",
                    List.of(Map.of("provider", "scripted", "provider_model_id", m[1])))).json().get("id").asText());
        }
    }

    /** Every string that names one of the three models: ids, names, the provider's names. */
    private List<String> secrets() {
        List<String> all = new ArrayList<>(models.keySet());
        all.addAll(models.values());
        all.addAll(List.of("quokka-7b", "wombat-13b", "numbat-3b", "Quokka", "Wombat", "Numbat"));
        return all;
    }

    private void scriptThreeAttempts() {
        // Quokka edits two files.
        server.llm().script("quokka-7b",
                Reply.toolCall("Adding the component.", "coding_agent_write_file",
                        "{\"path\":\"src/Pricing.tsx\",\"content\":\"export const Pricing = () => <section/>;\\n\"}"),
                Reply.toolCall("Using it.", "coding_agent_write_file", "{\"path\":\"src/App.tsx\",\"content\":"
                        + "\"export function App() {\\n  return <Pricing />;\\n}\\n\"}"),
                Reply.text("Added a Pricing component, as Quokka Coder. Quokka out."));
        // Wombat fails a tool call (a file that is not there), then recovers.
        server.llm().script("wombat-13b",
                Reply.toolCall("Reading.", "coding_agent_read_file", "{\"path\":\"src/Missing.tsx\"}"),
                Reply.toolCall("Writing instead.", "coding_agent_write_file",
                        "{\"path\":\"NOTE.txt\",\"content\":\"three tiers\\n\"}"),
                Reply.text("Added three tiers."));
        // Numbat is slower and changes nothing.
        server.llm().script("numbat-3b", Reply.slowText(12, 40));
    }

    private Api.Resp createGroup(Map<String, Object> body) {
        return owner.post("/admin/apps/" + app + "/coding-agent/compare-groups", body);
    }

    private Map<String, Object> threeAttempts(boolean blind) {
        return Map.of("input", PROMPT, "blind", blind, "attempts", List.of(
                Map.of("model_id", models.get("Quokka Coder")), Map.of("model_id", models.get("Wombat Builder")),
                Map.of("model_id", models.get("Numbat Dev"))));
    }

    private JsonNode group(String id) {
        return owner.get("/admin/apps/" + app + "/coding-agent/compare-groups/" + id).json();
    }

    private static Map<String, String> filesOf(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    private Map<String, String> filesOfRevision(String revisionId) {
        Map<String, String> files = new TreeMap<>();
        for (JsonNode f : owner.get("/admin/apps/" + app + "/files?revision_id=" + revisionId).json()
                .get("files")) {
            String path = f.get("path").asText();
            files.put(path, owner.get("/admin/apps/" + app + "/files/content?revision_id=" + revisionId + "&path="
                    + path).json().get("content").asText());
        }
        return files;
    }

    @Test
    void threeAttemptsRunIsolatedAreMeasuredFromTheirOwnEventsAndApplyWithUndo() throws IOException {
        owner.send("PATCH", "/admin/apps/" + app, Map.of("verify",
                Map.of("argv", List.of("sh", "-c", "test -f NOTE.txt || test -f src/Pricing.tsx"))));
        scriptThreeAttempts();
        String draftBefore = server.draftOf(app);
        Map<String, String> folderBefore = filesOf(folder);

        JsonNode created = createGroup(threeAttempts(false)).json();
        String groupId = created.get("id").asText();
        assertThat(created.get("runs")).hasSize(3);
        assertThat(created.get("labels").size()).isEqualTo(3);

        Map<String, JsonNode> byModel = new HashMap<>();
        for (JsonNode run : created.get("runs")) {
            String runId = run.get("run_id").asText();
            List<SseStream.Frame> events = server.streamToEnd(app, runId);
            JsonNode done = server.awaitStatus(app, runId, "completed");
            assertThat(done.get("base_revision_id").asText()).as("the same base").isEqualTo(draftBefore);
            assertThat(done.get("auto_apply").asBoolean()).isFalse();
            assertThat(done.get("compare_group_id").asText()).isEqualTo(groupId);

            JsonNode metrics = done.get("metrics");
            long started = events.stream().filter(e -> "tool.started".equals(e.event())).count();
            long failed = events.stream().filter(e -> "tool.failed".equals(e.event())).count();
            int steps = events.stream().filter(e -> "usage.updated".equals(e.event()))
                    .mapToInt(e -> e.data().get("payload").get("model_steps").asInt()).max().orElse(0);
            assertThat(metrics.get("tool_calls").asLong()).isEqualTo(started);
            assertThat(metrics.get("tool_failures").asLong()).isEqualTo(failed);
            // Wombat's failed read of src/Missing.tsx is followed by no call on that path that worked.
            assertThat(metrics.get("tool_failures_recovered").asLong()).isZero();
            assertThat(metrics.get("model_steps").asInt()).isEqualTo(steps);
            assertThat(metrics.get("ttft_ms").isNull()).isFalse();
            assertThat(metrics.get("sandbox_prep_ms").asLong()).isGreaterThanOrEqualTo(0);

            // An attempt that changed nothing has no checkpoint: its diff is the base against itself.
            String result = done.get("checkpoint_revision_id").isNull() ? draftBefore
                    : done.get("checkpoint_revision_id").asText();
            JsonNode diff = owner.get("/admin/apps/" + app + "/revisions/" + draftBefore + "/diff/" + result).json();
            int added = 0;
            int removed = 0;
            for (JsonNode f : diff.get("files")) {
                added += f.get("lines_added").asInt();
                removed += f.get("lines_removed").asInt();
            }
            assertThat(metrics.get("files_changed").asInt()).isEqualTo(diff.get("files").size());
            assertThat(metrics.get("lines_added").asInt()).isEqualTo(added);
            assertThat(metrics.get("lines_removed").asInt()).isEqualTo(removed);
            byModel.put(done.get("resolved_model_name").asText(), done);
        }
        JsonNode quokka = byModel.get("Quokka Coder");
        JsonNode wombat = byModel.get("Wombat Builder");
        JsonNode numbat = byModel.get("Numbat Dev");
        assertThat(quokka.get("metrics").get("files_changed").asInt()).isEqualTo(2);
        assertThat(wombat.get("metrics").get("tool_failures").asInt()).isEqualTo(1);
        assertThat(numbat.get("metrics").get("duration_ms").asLong()).isGreaterThan(12 * 40 - 50);
        assertThat(quokka.get("metrics").get("verify").get("status").asText()).isEqualTo("passed");
        assertThat(wombat.get("metrics").get("verify").get("status").asText()).isEqualTo("passed");
        assertThat(numbat.get("metrics").get("verify").get("status").asText()).as("it wrote neither file")
                .isEqualTo("failed");

        assertThat(server.draftOf(app)).as("attempts leave the draft").isEqualTo(draftBefore);
        assertThat(filesOf(folder)).as("and the folder").isEqualTo(folderBefore);
        assertThat(owner.get("/admin/apps/" + app + "/coding-agent/chat-sessions").json())
                .as("attempts' threads are not listed until continued").isEmpty();

        // Apply Quokka's result: the draft and the folder become its checkpoint, byte for byte.
        String checkpoint = quokka.get("checkpoint_revision_id").asText();
        assertThat(owner.post("/admin/apps/" + app + "/coding-agent/checkpoints/" + checkpoint + "/restore",
                Map.of("run_id", quokka.get("run_id").asText())).status()).isEqualTo(200);
        Map<String, String> applied = filesOf(folder);
        assertThat(applied).isEqualTo(filesOfRevision(checkpoint));
        assertThat(applied).containsKey("src/Pricing.tsx");
        // Undo: the draft that was current comes back.
        assertThat(owner.post("/admin/apps/" + app + "/coding-agent/checkpoints/" + draftBefore + "/restore",
                Map.of()).status()).isEqualTo(200);
        assertThat(filesOf(folder)).isEqualTo(folderBefore);

        JsonNode judged = owner.put("/admin/apps/" + app + "/coding-agent/compare-groups/" + groupId + "/verdict",
                Map.of("winner_run_id", quokka.get("run_id").asText(), "ratings",
                        Map.of(quokka.get("run_id").asText(), 5, numbat.get("run_id").asText(), 2),
                        "notes", "Quokka kept the layout")).json();
        assertThat(judged.get("verdict").get("winner_run_id").asText()).isEqualTo(quokka.get("run_id").asText());
        assertThat(group(groupId).get("verdict").get("ratings").get(numbat.get("run_id").asText()).asInt())
                .isEqualTo(2);
        assertThat(group(groupId).get("runs")).extracting(r -> r.get("run_id").asText())
                .containsExactlyInAnyOrder(quokka.get("run_id").asText(), wombat.get("run_id").asText(),
                        numbat.get("run_id").asText());
    }

    @Test
    void aBlindComparisonNamesNoModelOnAnyRouteUntilTheVerdict() {
        scriptThreeAttempts();
        Api.Resp created = createGroup(threeAttempts(true));
        assertThat(created.status()).isEqualTo(200);
        JsonNode group = created.json();
        String groupId = group.get("id").asText();
        assertThat(group.get("blind").asBoolean()).isTrue();
        List<String> texts = new ArrayList<>();
        texts.add(created.raw());
        for (JsonNode run : group.get("runs")) {
            String runId = run.get("run_id").asText();
            List<SseStream.Frame> frames = server.streamToEnd(app, runId);
            frames.forEach(f -> texts.add(f.text()));
            // The answer streams in pieces: a name split between two of them ("Quok" + "ka Coder") would be shown
            // whole once the pieces are joined, so the pieces are cut where no name is split.
            texts.add(frames.stream().filter(f -> "assistant.delta".equals(f.event()))
                    .map(f -> f.data().get("payload").get("content").asText()).collect(Collectors.joining()));
            server.awaitStatus(app, runId, "completed");
            texts.add(owner.get(TestServer.runs(app) + "/" + runId).raw());
            texts.add(owner.get("/admin/apps/" + app + "/coding-agent/chat-sessions/"
                    + run.get("chat_session_id").asText()).raw());
        }
        texts.add(owner.get(TestServer.runs(app) + "?compare_group_id=" + groupId).raw());
        texts.add(owner.get(TestServer.runs(app)).raw());
        texts.add(owner.get("/admin/apps/" + app + "/coding-agent/compare-groups/" + groupId).raw());
        texts.add(owner.get("/admin/apps/" + app + "/coding-agent/compare-groups").raw());
        for (String text : texts) {
            for (String secret : secrets()) {
                assertThat(text).as("blind before the verdict").doesNotContainIgnoringCase(secret);
            }
        }
        // The model's own words are masked with the label ("…, as Quokka Coder." → "…, as Model X.").
        assertThat(String.join("\n", texts)).containsPattern("as Model [ABC]\\.");
        JsonNode labels = group(groupId).get("labels");
        assertThat(List.of(labels.get(group.get("runs").get(0).get("run_id").asText()).asText(),
                labels.get(group.get("runs").get(1).get("run_id").asText()).asText(),
                labels.get(group.get("runs").get(2).get("run_id").asText()).asText()))
                .as("the group lists its attempts in letter order").containsExactly("A", "B", "C");

        String winner = group.get("runs").get(1).get("run_id").asText();
        JsonNode judged = owner.put("/admin/apps/" + app + "/coding-agent/compare-groups/" + groupId + "/verdict",
                Map.of("winner_run_id", winner, "notes", "B")).json();
        assertThat(judged.get("verdict").get("blind").asBoolean()).isTrue();
        assertThat(owner.put("/admin/apps/" + app + "/coding-agent/compare-groups/" + groupId + "/verdict",
                Map.of("winner_run_id", group.get("runs").get(0).get("run_id").asText())).status())
                .as("judged blind, the verdict stays as it was once the names are shown").isEqualTo(409);
        assertThat(group(groupId).get("verdict").get("winner_run_id").asText()).isEqualTo(winner);
        String revealed = owner.get("/admin/apps/" + app + "/coding-agent/compare-groups/" + groupId).raw();
        assertThat(models.keySet()).allMatch(revealed::contains, "every model is named once the verdict is saved");
        assertThat(owner.get(TestServer.runs(app) + "/" + winner).json().get("resolved_model_id").isNull())
                .isFalse();
    }

    @Test
    void aBlindComparisonsFailuresNameNoModelInTheLog() {
        // Providers quote their model in their errors, and a refused request's message is passed on.
        server.llm().script("quokka-7b", Reply.status(401, "Incorrect API key for quokka-7b (Quokka Coder)"));
        server.llm().script("wombat-13b", Reply.status(400, "wombat-13b does not support tools (Wombat Builder);"
                + " key sk-proj-Xy12abCD34efGH56 was used"));
        server.llm().script("numbat-3b", Reply.toolCall("Reading.", "coding_agent_read_file",
                "{\"path\":\"src/Numbat Dev.tsx\"}"), Reply.text("Done, as Numbat Dev."));
        List<String> logged;
        try (LogCapture log = LogCapture.start()) {
            JsonNode group = createGroup(threeAttempts(true)).json();
            for (JsonNode run : group.get("runs")) {
                String runId = run.get("run_id").asText();
                server.streamToEnd(app, runId);
                server.awaitStatus(app, runId, "completed", "failed");
            }
            logged = log.lines();
        }
        assertThat(logged).as("both failures are logged")
                .filteredOn(l -> l.startsWith("dev.builderdesk.server.runs.RunWorker") && l.contains(" failed ("))
                .hasSize(2);
        for (String line : logged) {
            for (String secret : secrets()) {
                assertThat(line).as("a blind comparison's log").doesNotContainIgnoringCase(secret);
            }
            assertThat(line).as("nor a provider's key").doesNotContain("Xy12abCD34");
        }
        assertThat(logged).anyMatch(l -> l.contains("key [redacted] was used"));
    }

    @Test
    void aToolFailureIsRecoveredByALaterCallOnTheSamePathThatSucceeds() {
        // Quokka cannot read a file, writes it (recovered), fails to read another, then its provider refuses.
        server.llm().script("quokka-7b",
                Reply.toolCall("Reading.", "coding_agent_read_file", "{\"path\":\"src/Missing.tsx\"}"),
                Reply.toolCall("Writing it.", "coding_agent_write_file",
                        "{\"path\":\"src/Missing.tsx\",\"content\":\"a\\n\"}"),
                Reply.toolCall("Reading another.", "coding_agent_read_file", "{\"path\":\"src/Other.tsx\"}"),
                Reply.status(400, "refused"));
        // Wombat fails to read, reads something else and completes: it never got past that failure.
        server.llm().script("wombat-13b",
                Reply.toolCall("Reading.", "coding_agent_read_file", "{\"path\":\"src/Missing.tsx\"}"),
                Reply.toolCall("Reading the app.", "coding_agent_read_file", "{\"path\":\"src/App.tsx\"}"),
                Reply.text("It is not there; nothing to do."));
        JsonNode group = createGroup(Map.of("input", PROMPT, "attempts", List.of(
                Map.of("model_id", models.get("Quokka Coder")), Map.of("model_id", models.get("Wombat Builder")))))
                .json();
        Map<String, JsonNode> byModel = new HashMap<>();
        for (JsonNode run : group.get("runs")) {
            String runId = run.get("run_id").asText();
            server.streamToEnd(app, runId);
            JsonNode done = server.awaitStatus(app, runId, "completed", "failed");
            byModel.put(done.get("resolved_model_name").asText(), done);
        }
        JsonNode quokka = byModel.get("Quokka Coder");
        assertThat(quokka.get("status").asText()).isEqualTo("failed");
        assertThat(quokka.get("metrics").get("tool_failures").asInt()).isEqualTo(2);
        assertThat(quokka.get("metrics").get("tool_failures_recovered").asInt()).isEqualTo(1);
        JsonNode wombat = byModel.get("Wombat Builder");
        assertThat(wombat.get("status").asText()).isEqualTo("completed");
        assertThat(wombat.get("metrics").get("tool_failures").asInt()).isEqualTo(1);
        assertThat(wombat.get("metrics").get("tool_failures_recovered").asInt()).isZero();
    }

    @Test
    void aComparisonWhoseAttemptsCannotAllBeStoredLeavesNothingBehind() throws Exception {
        scriptThreeAttempts();
        String trigger = "CREATE TRIGGER third_attempt_fails BEFORE INSERT ON runs WHEN (SELECT count(*) FROM runs"
                + " WHERE compare_group_id = NEW.compare_group_id) >= 2 BEGIN SELECT RAISE(ABORT, 'disk I/O error');"
                + " END";
        try (Connection c = server.database();
                Statement st = c.createStatement()) {
            if (server.onPostgres()) {
                st.execute("CREATE FUNCTION third_attempt_fails() RETURNS trigger AS $$ BEGIN IF (SELECT count(*)"
                        + " FROM runs WHERE compare_group_id = NEW.compare_group_id) >= 2 THEN RAISE EXCEPTION"
                        + " 'disk I/O error'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
                st.execute("CREATE TRIGGER third_attempt_fails BEFORE INSERT ON runs FOR EACH ROW EXECUTE FUNCTION"
                        + " third_attempt_fails()");
            } else {
                st.execute(trigger);
            }
        }
        int runsBefore = owner.get(TestServer.runs(app) + "?limit=100").json().size();
        Api.Resp refused = createGroup(threeAttempts(false));
        assertThat(refused.status()).as(refused.raw()).isGreaterThanOrEqualTo(500);
        assertThat(owner.get("/admin/apps/" + app + "/coding-agent/compare-groups").json())
                .as("no comparison with some of its attempts").isEmpty();
        assertThat(owner.get(TestServer.runs(app) + "?limit=100").json()).hasSize(runsBefore);
        try (Connection c = server.database();
                Statement st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT count(*) FROM chat_sessions")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("nor the attempts' threads").isZero();
            }
            st.execute(server.onPostgres() ? "DROP TRIGGER third_attempt_fails ON runs"
                    : "DROP TRIGGER third_attempt_fails");
        }
        Path sandboxes = server.dataDir().resolve("sandboxes");
        if (Files.isDirectory(sandboxes)) {
            try (Stream<Path> left = Files.list(sandboxes)) {
                assertThat(left.toList()).as("nor their sandboxes").isEmpty();
            }
        }
        assertThat(createGroup(threeAttempts(false)).status()).as("the same comparison, once it can be stored")
                .isEqualTo(200);
    }

    @Test
    void aComparisonIsCheckedWholeBeforeAnyAttemptStarts() {
        String one = models.get("Quokka Coder");
        for (Object attempts : List.of(List.of(Map.of("model_id", one)), List.of(), "two",
                java.util.Collections.nCopies(7, Map.of("model_id", one)),
                List.of(Map.of("model_id", one), Map.of("model_id", "not-a-uuid")),
                List.of(Map.of("model_id", one), Map.of("engine", "gpt")), List.of(Map.of("model_id", one), 3))) {
            Api.Resp refused = createGroup(Map.of("input", PROMPT, "attempts", attempts));
            assertThat(refused.status()).as(String.valueOf(attempts)).isEqualTo(422);
        }
        assertThat(createGroup(Map.of("input", PROMPT)).status()).isEqualTo(422);
        assertThat(createGroup(Map.of("input", " ", "attempts", List.of(Map.of(), Map.of()))).status())
                .isEqualTo(400);
        assertThat(createGroup(Map.of("input", PROMPT, "attempts", List.of(Map.of(), Map.of()), "colour", 1))
                .status()).isEqualTo(422);
        // One attempt's model does not exist: nothing is created, not even the first attempt.
        Api.Resp missing = createGroup(Map.of("input", PROMPT, "attempts", List.of(Map.of("model_id", one),
                Map.of("model_id", "5d1e0000-0000-4000-8000-000000000999"))));
        assertThat(missing.status()).isBetween(400, 499);
        assertThat(owner.get(TestServer.runs(app)).json()).isEmpty();
        assertThat(owner.get("/admin/apps/" + app + "/coding-agent/compare-groups").json()).isEmpty();

        // The same model twice, and Auto, are allowed.
        server.llm().script("quokka-7b", Reply.text("One."), Reply.text("Two."));
        server.llm().script("model-a", Reply.text("Auto."));
        JsonNode twice = createGroup(Map.of("input", PROMPT, "attempts", List.of(Map.of("model_id", one),
                Map.of("model_id", one), Map.of()))).json();
        assertThat(twice.get("runs")).hasSize(3);
        for (JsonNode run : twice.get("runs")) {
            assertThat(server.awaitStatus(app, run.get("run_id").asText(), "completed")).isNotNull();
        }

        // A verdict is a winner, a tie or "all bad"; one that contradicts itself is refused and changes nothing.
        String verdict = "/admin/apps/" + app + "/coding-agent/compare-groups/" + twice.get("id").asText()
                + "/verdict";
        String first = twice.get("runs").get(0).get("run_id").asText();
        assertThat(owner.put(verdict, Map.of("outcome", "winner")).status()).isEqualTo(400);
        assertThat(owner.put(verdict, Map.of("outcome", "tie", "winner_run_id", first)).status()).isEqualTo(400);
        assertThat(owner.put(verdict, Map.of("outcome", "best")).status()).isEqualTo(422);
        assertThat(owner.put(verdict, Map.of("winner", first)).status()).isEqualTo(422);
        assertThat(owner.get(verdict.replace("/verdict", "")).json().get("verdict").isNull()).isTrue();
        JsonNode allBad = owner.put(verdict, Map.of("outcome", "all_bad", "ratings", Map.of(first, 1))).json();
        assertThat(allBad.get("verdict").get("outcome").asText()).isEqualTo("all_bad");
        assertThat(allBad.get("verdict").get("winner_run_id").isNull()).isTrue();
        assertThat(owner.put(verdict, Map.of("winner_run_id", first)).json().get("verdict").get("outcome").asText())
                .as("a winner without an outcome is a win").isEqualTo("winner");
        assertThat(owner.put(verdict, Map.of()).status()).as("a verdict says what it is").isEqualTo(422);
        assertThat(owner.put(verdict, Map.of("outcome", "tie")).json().get("verdict").get("outcome").asText())
                .isEqualTo("tie");
    }
}
