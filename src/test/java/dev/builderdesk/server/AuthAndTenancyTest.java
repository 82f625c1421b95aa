package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONTRACT.md §1: bearer tokens, roles and scopes, X-Tenant-ID, and "another tenant's data does not exist". */
class AuthAndTenancyTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String appId;
    static String runId;
    static String sessionId;
    static String checkpointId;
    static String revisionId;

    @BeforeAll
    static void startWithOneFinishedRunOfAcme() {
        server = TestServer.start(dir);
        server.llm().script("model-a", Reply.toolCall("Writing.", "coding_agent_write_file",
                "{\"path\":\"src/extra.ts\",\"content\":\"export const x = 1;\\n\"}"), Reply.text("Done."));
        JsonNode app = server.createApp("acme-app", "vite-react");
        appId = app.get("id").asText();
        JsonNode run = server.createRun(appId, Map.of("input", "add a file", "compare_group_id", "cmp-1"));
        runId = run.get("run_id").asText();
        sessionId = run.get("chat_session_id").asText();
        JsonNode done = server.awaitStatus(appId, runId, "completed");
        revisionId = done.get("result_revision_id").asText();
        checkpointId = server.owner().get(runs(appId).replace("/runs", "/checkpoints")).json().get(0)
                .get("checkpoint_id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every route that reads or writes something owned by a tenant, with a body where it needs one. */
    static List<String[]> tenantRoutes() {
        String agent = "/admin/apps/" + appId + "/coding-agent";
        return List.of(
                new String[] {"GET", "/admin/apps/" + appId, null},
                new String[] {"GET", "/admin/apps/" + appId + "/builder/state", null},
                new String[] {"GET", "/admin/apps/" + appId + "/files", null},
                new String[] {"GET", "/admin/apps/" + appId + "/files/content?path=src/App.tsx", null},
                new String[] {"GET", "/admin/apps/" + appId + "/revisions/" + revisionId + "/diff/" + revisionId, null},
                new String[] {"POST", agent + "/runs", "{\"input\":\"hi\"}"},
                new String[] {"GET", agent + "/runs", null},
                new String[] {"GET", agent + "/runs/" + runId, null},
                new String[] {"GET", agent + "/runs/" + runId + "/stream", null},
                new String[] {"POST", agent + "/runs/" + runId + "/resume", "{}"},
                new String[] {"POST", agent + "/runs/" + runId + "/cancel", null},
                new String[] {"GET", agent + "/checkpoints", null},
                new String[] {"POST", agent + "/checkpoints/" + checkpointId + "/restore", "{}"},
                new String[] {"GET", agent + "/chat-sessions", null},
                new String[] {"GET", agent + "/chat-sessions/" + sessionId, null},
                new String[] {"PATCH", agent + "/chat-sessions/" + sessionId, "{\"title\":\"stolen\"}"},
                new String[] {"DELETE", agent + "/chat-sessions/" + sessionId, null},
                new String[] {"GET", agent + "/compare-groups", null},
                new String[] {"GET", agent + "/compare-groups/cmp-1", null},
                new String[] {"PUT", agent + "/compare-groups/cmp-1/verdict",
                    "{\"outcome\":\"tie\",\"notes\":\"x\"}"},
                new String[] {"GET", "/models/" + TestServer.MODEL_ACME, null},
                new String[] {"PUT", "/models/" + TestServer.MODEL_ACME, "{\"name\":\"stolen\"}"},
                new String[] {"DELETE", "/models/" + TestServer.MODEL_ACME, null});
    }

    @Test
    void anotherTenantsAppRunModelCheckpointSessionAndComparisonDoNotExist() {
        Api beta = server.api(TestServer.BETA_OWNER);
        for (String[] route : tenantRoutes()) {
            Api.Resp r = beta.send(route[0], route[1], route[2]);
            assertThat(r.status()).as(route[0] + " " + route[1]).isEqualTo(404);
            assertThat(r.detailText()).as(route[1]).isIn("Published app not found", "Model not found");
            assertThat(r.raw()).as("no data leaks").doesNotContain(runId).doesNotContain("acme-app");
        }
        assertThat(beta.get("/admin/apps").json()).isEmpty();
        assertThat(beta.get("/models?limit=100").raw()).doesNotContain("Acme Private");
        assertThat(server.owner().get("/models?limit=100").raw()).doesNotContain("Beta Private");
    }

    @Test
    void everyRouteButHealthNeedsABearerToken() {
        Api anonymous = server.api(null);
        Api stranger = server.api("not-a-known-token");
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        for (String[] route : tenantRoutes()) {
            Api.Resp missing = anonymous.send(route[0], route[1], route[2]);
            assertThat(missing.status()).as(route[1]).isEqualTo(401);
            assertThat(missing.detailText()).isEqualTo("Missing bearer token");
            Api.Resp unknown = stranger.send(route[0], route[1], route[2]);
            assertThat(unknown.status()).as(route[1]).isEqualTo(401);
            assertThat(unknown.detailText()).isEqualTo("Could not validate principal token");
        }
        for (String path : List.of("/models", "/providers", "/admin/apps")) {
            assertThat(anonymous.get(path).status()).isEqualTo(401);
        }
    }

    @Test
    void aMemberCanReadButNotWrite() {
        Api member = server.api(TestServer.ACME_MEMBER);
        String agent = "/admin/apps/" + appId + "/coding-agent";
        assertThat(member.get(runs(appId) + "/" + runId).status()).isEqualTo(200);
        assertThat(member.get("/models").status()).isEqualTo(200);
        List<String[]> writes = List.of(
                new String[] {"POST", "/admin/apps", "{\"name\":\"x\"}", "apps.write"},
                new String[] {"POST", runs(appId), "{\"input\":\"hi\"}", "apps.write"},
                new String[] {"POST", runs(appId) + "/" + runId + "/cancel", null, "apps.write"},
                new String[] {"POST", runs(appId) + "/" + runId + "/resume", "{}", "apps.write"},
                new String[] {"POST", agent + "/checkpoints/" + checkpointId + "/restore", "{}", "apps.write"},
                new String[] {"PUT", agent + "/compare-groups/cmp-1/verdict", "{}", "apps.write"},
                new String[] {"PATCH", agent + "/chat-sessions/" + sessionId, "{\"title\":\"x\"}", "apps.write"},
                new String[] {"DELETE", agent + "/chat-sessions/" + sessionId, null, "apps.write"},
                new String[] {"POST", "/models", "{\"name\":\"m\"}", "models.write"},
                new String[] {"PUT", "/models/" + TestServer.MODEL_ACME, "{\"name\":\"m\"}", "models.write"},
                new String[] {"DELETE", "/models/" + TestServer.MODEL_ACME, null, "models.write"},
                new String[] {"GET", "/providers", null, "models.write"},
                new String[] {"POST", "/providers", "{\"name\":\"p\"}", "models.write"});
        for (String[] w : writes) {
            Api.Resp r = member.send(w[0], w[1], w[2]);
            assertThat(r.status()).as(w[0] + " " + w[1]).isEqualTo(403);
            assertThat(r.detailText()).isEqualTo("Missing required scopes: " + w[3]);
        }
        assertThat(server.owner().get(runs(appId)).json()).hasSize(1);
    }

    @Test
    void theTenantHeaderMustBeTheTokensTenant() {
        Api owner = server.owner();
        assertThat(owner.with("X-Tenant-ID", TestServer.ACME).get("/admin/apps").status()).isEqualTo(200);
        Api.Resp other = owner.with("X-Tenant-ID", TestServer.BETA).get("/admin/apps");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.detailText()).isEqualTo("Not a member of the requested tenant");
        Api.Resp malformed = owner.with("X-Tenant-ID", "acme").get("/admin/apps");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.detailText()).isEqualTo("Invalid X-Tenant-ID header");
    }
}
