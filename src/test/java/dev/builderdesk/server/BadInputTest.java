package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input produces a 500 (CONTRACT.md §1): every route gets malformed JSON, wrong JSON types, bad UUIDs and a
 * body over 1 MiB, and must answer a 4xx with a {@code detail}.
 */
class BadInputTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String app;
    static String run;
    static String session;
    static String checkpoint;
    static String revision;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        server.llm().script("model-a", dev.builderdesk.testkit.ScriptedLlm.Reply.toolCall(null,
                "coding_agent_write_file", "{\"path\":\"a.md\",\"content\":\"x\"}"));
        app = server.createApp("app", "vite-react").get("id").asText();
        JsonNode r = server.createRun(app, Map.of("input", "x", "compare_group_id", "g"));
        run = r.get("run_id").asText();
        session = r.get("chat_session_id").asText();
        revision = server.awaitStatus(app, run, "completed").get("result_revision_id").asText();
        checkpoint = server.owner().get("/admin/apps/" + app + "/coding-agent/checkpoints").json().get(0)
                .get("checkpoint_id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every route of the contract: method, path. */
    static List<String[]> routes() {
        String agent = "/admin/apps/" + app + "/coding-agent";
        return List.of(
                new String[] {"GET", "/models"}, new String[] {"POST", "/models"},
                new String[] {"GET", "/models/" + TestServer.MODEL_A},
                new String[] {"PUT", "/models/" + TestServer.MODEL_ACME},
                new String[] {"DELETE", "/models/" + TestServer.MODEL_A},
                new String[] {"GET", "/providers"}, new String[] {"POST", "/providers"},
                new String[] {"GET", "/providers/scripted"}, new String[] {"PUT", "/providers/scripted"},
                new String[] {"DELETE", "/providers/scripted"}, new String[] {"POST", "/providers/scripted/discover"},
                new String[] {"POST", "/providers/scripted/test"},
                new String[] {"GET", "/admin/apps"}, new String[] {"POST", "/admin/apps"},
                new String[] {"GET", "/admin/apps/" + app}, new String[] {"PATCH", "/admin/apps/" + app},
                new String[] {"GET", "/admin/apps/" + app + "/builder/state"},
                new String[] {"GET", "/admin/apps/" + app + "/files"},
                new String[] {"GET", "/admin/apps/" + app + "/files/content?path=src/App.tsx"},
                new String[] {"GET", "/admin/apps/" + app + "/revisions/" + revision + "/diff/" + revision},
                new String[] {"POST", agent + "/runs"}, new String[] {"GET", agent + "/runs"},
                new String[] {"GET", agent + "/runs/" + run},
                new String[] {"POST", agent + "/runs/" + run + "/resume"},
                new String[] {"POST", agent + "/runs/" + run + "/cancel"},
                new String[] {"GET", agent + "/checkpoints"},
                new String[] {"POST", agent + "/checkpoints/" + checkpoint + "/restore"},
                new String[] {"GET", agent + "/chat-sessions"},
                new String[] {"GET", agent + "/chat-sessions/" + session},
                new String[] {"PATCH", agent + "/chat-sessions/" + session},
                new String[] {"GET", agent + "/compare-groups"}, new String[] {"GET", agent + "/compare-groups/g"},
                new String[] {"PUT", agent + "/compare-groups/g/verdict"},
                new String[] {"DELETE", agent + "/chat-sessions/" + session});
    }

    private static final List<String> BAD_BODIES = List.of("{not json", "[1,2]", "\"text\"", "42", "null",
            "{\"input\": 5, \"model_id\": 7, \"engine\": [], \"messages\": \"no\", \"auto_apply\": \"yes\","
                    + " \"name\": {}, \"template\": 1, \"workspace_path\": false, \"is_default\": \"true\","
                    + " \"providers\": {}, \"kind\": 3, \"base_url\": [], \"run_id\": 9, \"ratings\": [],"
                    + " \"winner_run_id\": \"nope\", \"payload\": 3, \"capability_type\": \"poem\"}",
            "{\"input\": \"x\", \"model_id\": \"zz\", \"base_revision_id\": \"12\", \"chat_session_id\": \"q\","
                    + " \"messages\": [1, {\"role\": 5}], \"ratings\": {\"a\": 9}, \"run_id\": \"not-a-uuid\"}",
            "{\"" + "k".repeat(5000) + "\": \"\\u0000\\ud800\"}");

    @Test
    void malformedAndWronglyTypedBodiesNeverCauseA500() {
        List<String> failures = new ArrayList<>();
        for (String[] route : routes()) {
            for (String body : BAD_BODIES) {
                Api.Resp r = server.owner().sendRaw(route[0], route[1], body.getBytes(StandardCharsets.UTF_8));
                if (r.status() >= 500 || r.status() < 200 || (r.status() >= 400 && r.detail() == null)) {
                    failures.add(route[0] + " " + route[1] + " <- " + body.substring(0, Math.min(40, body.length()))
                            + " => " + r.status() + " " + r.raw());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void badUuidsInPathsAndQueriesAreRequestShapeErrors() {
        String agent = "/admin/apps/" + app + "/coding-agent";
        List<String> paths = List.of("/admin/apps/nope", "/admin/apps/nope/builder/state", "/models/xyz",
                "/admin/apps/" + app + "/revisions/1/diff/2", agent + "/runs/abc", agent + "/runs/abc/stream",
                agent + "/chat-sessions/abc", "/admin/apps/%20/coding-agent/runs",
                "/admin/apps/" + app + "/files?revision_id=bad", agent + "/runs?chat_session_id=bad",
                agent + "/runs?limit=0", agent + "/runs?limit=101", agent + "/runs?limit=many",
                agent + "/checkpoints?limit=-1", "/models?is_active=perhaps", "/models?capability_type=poem",
                "/admin/apps/" + app + "/files/content", agent + "/runs/" + run + "/stream?from_seq=0");
        for (String path : paths) {
            Api.Resp r = server.owner().get(path);
            assertThat(r.status()).as(path).isEqualTo(422);
            assertThat(r.detail().isArray()).as(path).isTrue();
            JsonNode issue = r.detail().get(0);
            assertThat(issue.has("loc") && issue.has("msg") && issue.has("type")).as(path).isTrue();
        }
        for (String path : List.of(agent + "/runs/abc/cancel", agent + "/runs/abc/resume",
                agent + "/checkpoints/abc/restore")) {
            assertThat(server.owner().post(path, Map.of()).status()).as(path).isEqualTo(422);
        }
    }

    @Test
    void bodiesOverOneMebibyteAre413OnEveryRoute() {
        byte[] huge = ("{\"input\": \"" + "x".repeat((1 << 20) + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (String[] route : routes()) {
            if (route[0].equals("GET") || route[0].equals("DELETE")) {
                continue;
            }
            Api.Resp r = server.owner().sendRaw(route[0], route[1], huge);
            assertThat(r.status()).as(route[1]).isEqualTo(413);
            assertThat(r.detailText()).as(route[1]).isEqualTo("Request body is too large (limit 1 MiB)");
        }
        assertThat(server.owner().get("/admin/apps/" + app + "/coding-agent/runs").json()).hasSize(1);
    }

    @Test
    void overlongUrisAndHeadersAreJsonErrorsToo() {
        Api.Resp uri = server.owner().get("/admin/apps/" + app + "/files/content?path=" + "a".repeat(10_000));
        assertThat(uri.status()).isEqualTo(414);
        assertThat(uri.detail()).isNotNull();
        Api.Resp header = server.owner().with("X-Padding", "p".repeat(10_000)).get("/admin/apps");
        assertThat(header.status()).isEqualTo(431);
        assertThat(header.detail()).isNotNull();
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrors() {
        Api.Resp notFound = server.owner().get("/nowhere");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.detailText()).isEqualTo("Not Found");
        Api.Resp method = server.owner().delete("/admin/apps");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.detailText()).isEqualTo("Method Not Allowed");
    }
}
