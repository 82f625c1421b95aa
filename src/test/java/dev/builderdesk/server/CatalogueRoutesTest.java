package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Providers, apps, sessions, checkpoints and comparisons: status codes and detail strings of each route. */
class CatalogueRoutesTest {
    @TempDir
    Path dir;
    TestServer server;
    Api owner;

    @BeforeEach
    void start() {
        server = TestServer.start(dir);
        owner = server.owner();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void providersAreListedCreatedUpdatedDiscoveredAndDeletedWithWriteOnlyKeys() {
        List<String> ids = owner.get("/providers").json().findValuesAsText("id");
        assertThat(ids).containsExactlyInAnyOrder("scripted", "demo");
        Map<String, Object> body = new HashMap<>(Map.of("name", "My Endpoint", "base_url", server.llm().baseUrl(),
                "api_key", "sk-secret-value"));
        JsonNode created = owner.post("/providers", body).json();
        assertThat(created.get("id").asText()).isEqualTo("my-endpoint");
        assertThat(created.get("kind").asText()).isEqualTo("openai-compatible");
        assertThat(created.get("has_api_key").asBoolean()).isTrue();
        assertThat(owner.get("/providers").raw()).doesNotContain("sk-secret-value");
        assertThat(owner.post("/providers", body).status()).isEqualTo(409);
        Api.Resp discovered = owner.post("/providers/my-endpoint/discover", null);
        assertThat(discovered.json().get("models").toString()).isEqualTo("[\"model-a\",\"model-b\"]");
        assertThat(owner.put("/providers/my-endpoint", Map.of("enabled", false)).json().get("enabled").asBoolean())
                .isFalse();
        assertThat(owner.put("/providers/scripted", Map.of("enabled", false)).status())
                .as("configured providers are read-only").isEqualTo(403);
        Api.Resp badUrl = owner.post("/providers", Map.of("name", "x", "base_url", "ftp://nope"));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.detail().get("field").asText()).isEqualTo("base_url");
        String model = owner.post("/models", Map.of("name", "Uses it", "providers", List.of(Map.of("provider",
                "my-endpoint", "provider_model_id", "model-a")))).json().get("id").asText();
        assertThat(owner.delete("/providers/my-endpoint").status()).isEqualTo(200);
        assertThat(owner.get("/models/" + model).status()).as("its only provider took it along").isEqualTo(404);
        assertThat(owner.get("/providers/my-endpoint").status()).isEqualTo(404);
        assertThat(owner.get("/providers/my-endpoint").detailText()).isEqualTo("Provider not found");
        Api.Resp unreachable = owner.post("/providers", Map.of("name", "Gone", "base_url", "http://127.0.0.1:9/v1"));
        assertThat(unreachable.status()).isEqualTo(200);
        Api.Resp discover = owner.post("/providers/gone/discover", null);
        assertThat(discover.status()).isEqualTo(400);
        assertThat(discover.detail().get("code").asText()).isEqualTo("PROVIDER_UNREACHABLE");
    }

    @Test
    void appsAreCreatedFromTemplatesAndBadRequestsAreNamed() {
        JsonNode app = owner.post("/admin/apps", Map.of("name", "site")).json();
        assertThat(app.get("workspace_path").isNull()).isTrue();
        JsonNode files = owner.get("/admin/apps/" + app.get("id").asText() + "/files").json().get("files");
        assertThat(files.findValuesAsText("path")).contains("package.json", "index.html", "src/main.tsx",
                "src/App.tsx");
        JsonNode state = owner.get("/admin/apps/" + app.get("id").asText() + "/builder/state").json();
        assertThat(state.get("current_draft_revision").get("entry_file").asText()).isEqualTo("src/main.tsx");
        assertThat(state.get("current_draft_revision").get("id").asText())
                .isEqualTo(app.get("current_draft_revision_id").asText());
        JsonNode empty = owner.post("/admin/apps", Map.of("name", "blank", "template", "empty")).json();
        assertThat(owner.get("/admin/apps/" + empty.get("id").asText() + "/files").json().get("files")).isEmpty();
        assertThat(owner.post("/admin/apps", Map.of("name", " ")).detailText()).isEqualTo("name is required");
        assertThat(owner.post("/admin/apps", Map.of("name", "x", "template", "svelte")).status()).isEqualTo(422);
        assertThat(owner.get("/admin/apps").json()).hasSize(2);
        assertThat(owner.get("/admin/apps/" + app.get("id").asText() + "/files/content?path=nope.ts")
                .detailText()).isEqualTo("File not found");
        assertThat(owner.get("/admin/apps/" + app.get("id").asText()
                + "/files?revision_id=66666666-6666-4666-8666-666666666666").detailText())
                .isEqualTo("Revision not found");
        Api.Resp unknownApp = owner.get(runs("77777777-7777-4777-8777-777777777777"));
        assertThat(unknownApp.status()).isEqualTo(404);
        assertThat(unknownApp.detailText()).isEqualTo("Published app not found");
        Api.Resp unknownRun = owner.get(runs(app.get("id").asText()) + "/77777777-7777-4777-8777-777777777777");
        assertThat(unknownRun.detailText()).isEqualTo("Coding-agent run not found");
    }

    @Test
    void sessionsCheckpointsAndComparisonsAreListedAndAVerdictIsValidated() {
        String app = server.createApp("app", "vite-react").get("id").asText();
        String agent = "/admin/apps/" + app + "/coding-agent";
        String groupInput = "compare me";
        String a = server.createRun(app, Map.of("input", groupInput, "compare_group_id", "cmp", "auto_apply", false,
                "model_id", TestServer.MODEL_A)).get("run_id").asText();
        String b = server.createRun(app, Map.of("input", groupInput, "compare_group_id", "cmp", "auto_apply", false,
                "model_id", TestServer.MODEL_B)).get("run_id").asText();
        server.awaitStatus(app, a, "completed");
        server.awaitStatus(app, b, "completed");
        JsonNode group = owner.get(agent + "/compare-groups/cmp").json();
        assertThat(group.get("runs").findValuesAsText("run_id")).containsExactly(a, b);
        assertThat(group.get("verdict").isNull()).isTrue();
        assertThat(owner.get(agent + "/compare-groups").json().get(0).get("id").asText()).isEqualTo("cmp");
        assertThat(owner.get(agent + "/runs?compare_group_id=cmp").json()).hasSize(2);
        JsonNode verdict = owner.put(agent + "/compare-groups/cmp/verdict", Map.of("winner_run_id", b,
                "ratings", Map.of(a, 2, b, 5), "notes", "B was cleaner", "blind", true)).json();
        assertThat(verdict.get("verdict").get("winner_run_id").asText()).isEqualTo(b);
        assertThat(verdict.get("verdict").get("ratings").get(b).asInt()).isEqualTo(5);
        assertThat(owner.get(agent + "/compare-groups/cmp").json().get("verdict").get("blind").asBoolean()).isTrue();
        assertThat(owner.put(agent + "/compare-groups/cmp/verdict", Map.of("ratings", Map.of(a, 6))).status())
                .isEqualTo(422);
        assertThat(owner.put(agent + "/compare-groups/cmp/verdict", Map.of("winner_run_id",
                "88888888-8888-4888-8888-888888888888")).status()).isEqualTo(400);
        Api.Resp missing = owner.get(agent + "/compare-groups/none");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detailText()).isEqualTo("Compare group not found");
        assertThat(owner.get(agent + "/chat-sessions").json()).hasSize(2);
        assertThat(owner.get(agent + "/chat-sessions/99999999-9999-4999-8999-999999999999").detailText())
                .isEqualTo("Coding-agent chat session not found");
        assertThat(owner.get(agent + "/checkpoints?limit=1").json()).hasSizeLessThanOrEqualTo(1);
    }
}
