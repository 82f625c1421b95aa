package dev.builderdesk.server;

import static dev.builderdesk.testkit.TestServer.MODEL_A;
import static dev.builderdesk.testkit.TestServer.MODEL_ACME;
import static dev.builderdesk.testkit.TestServer.MODEL_B;
import static dev.builderdesk.testkit.TestServer.MODEL_BETA;
import static dev.builderdesk.testkit.TestServer.MODEL_EMBED;
import static dev.builderdesk.testkit.TestServer.MODEL_INACTIVE;
import static dev.builderdesk.testkit.TestServer.runs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONTRACT.md §2: the models listing, the Auto chain, explicit ids without fallback, and pinning. */
class ModelResolutionTest extends ServerTestBase {
    @BeforeEach
    void start() {
        start(TestServer.Options.defaults(), "empty");
    }

    private Api.Resp create(String modelId) {
        Map<String, Object> body = new HashMap<>();
        body.put("input", "hello there");
        body.put("model_id", modelId);
        return server.owner().post(runs(app), body);
    }

    @Test
    void listingShowsActiveChatModelsOfTheTenantAndGlobalOnesOrderedByName() {
        JsonNode list = server.owner().get("/models?capability_type=chat&is_active=true&skip=0&limit=50"
                + "&status=active").json();
        List<String> names = new ArrayList<>();
        list.get("models").forEach(m -> names.add(m.get("name").asText()));
        assertThat(names).containsExactly("Acme Private", "Demo (scripted, offline)", "Model A", "Model B");
        assertThat(list.get("total").asInt()).isEqualTo(4);
        JsonNode a = list.get("models").get(2);
        assertThat(a.get("tenant_id").isNull()).isTrue();
        assertThat(a.get("is_default").asBoolean()).isTrue();
        assertThat(a.get("metadata").get("context_window").asInt()).isEqualTo(32768);
        assertThat(a.get("providers").get(0).get("provider_model_id").asText()).isEqualTo("model-a");
        JsonNode inactive = server.owner().get("/models?capability_type=chat&is_active=false").json();
        assertThat(inactive.get("models").get(0).get("name").asText()).isEqualTo("Inactive Model");
        JsonNode page = server.owner().get("/models?capability_type=chat&skip=1&limit=2").json();
        assertThat(page.get("models")).hasSize(2);
        assertThat(page.get("models").get(0).get("name").asText()).isEqualTo("Demo (scripted, offline)");
        assertThat(page.get("total").asInt()).isEqualTo(4);
    }

    @Test
    void autoPinsTheGlobalDefaultAndTheProviderGetsItsProviderModelId() {
        JsonNode run = create(null).json();
        assertThat(run.get("requested_model_id").isNull()).isTrue();
        assertThat(run.get("resolved_model_id").asText()).isEqualTo(MODEL_A);
        assertThat(run.get("resolved_model_name").asText()).isEqualTo("Model A");
        server.awaitStatus(app, run.get("run_id").asText(), "completed");
        assertThat(server.llm().requests()).extracting(r -> r.get("model").asText()).containsOnly("model-a");
    }

    @Test
    void anExplicitModelIsPinnedAndExecutionUsesItsProviderModelId() {
        JsonNode run = create(MODEL_B).json();
        assertThat(run.get("requested_model_id").asText()).isEqualTo(MODEL_B);
        assertThat(run.get("resolved_model_id").asText()).isEqualTo(MODEL_B);
        server.awaitStatus(app, run.get("run_id").asText(), "completed");
        assertThat(server.llm().requestsFor("model-b")).hasSize(1);
        assertThat(server.llm().requestsFor("model-a")).isEmpty();
        JsonNode tenantModel = create(MODEL_ACME).json();
        assertThat(tenantModel.get("resolved_model_id").asText()).isEqualTo(MODEL_ACME);
    }

    @Test
    void unavailableExplicitModelsAreRefusedWithoutFallback() {
        String unknown = "5d1e0000-0000-4000-8000-0000000000ff";
        for (String id : List.of(MODEL_INACTIVE, MODEL_EMBED, MODEL_BETA, unknown)) {
            Api.Resp r = create(id);
            assertThat(r.status()).as(id).isEqualTo(400);
            assertThat(r.detail().get("code").asText()).isEqualTo("CODING_AGENT_MODEL_UNAVAILABLE");
            assertThat(r.detail().get("field").asText()).isEqualTo("model_id");
            assertThat(r.detail().get("message").asText()).isEqualTo("Selected model is unavailable for this tenant.");
        }
        Api.Resp malformed = create("not-a-uuid");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.detail().get(0).get("loc").toString()).isEqualTo("[\"body\",\"model_id\"]");
        assertThat(server.owner().get(runs(app)).json()).isEmpty();
        assertThat(server.llm().requests()).isEmpty();
    }

    @Test
    void thePinnedModelDoesNotChangeWhenTheTenantDefaultChanges() {
        JsonNode run = create(null).json();
        String runId = run.get("run_id").asText();
        server.awaitStatus(app, runId, "completed");
        Api.Resp setDefault = server.owner().put("/models/" + MODEL_ACME, Map.of("is_default", true));
        assertThat(setDefault.status()).isEqualTo(200);
        JsonNode again = server.owner().get(runs(app) + "/" + runId).json();
        assertThat(again.get("resolved_model_id").asText()).isEqualTo(MODEL_A);
        assertThat(again.get("requested_model_id").isNull()).isTrue();
        JsonNode next = create(null).json();
        assertThat(next.get("resolved_model_id").asText()).as("the tenant default wins over the global one")
                .isEqualTo(MODEL_ACME);
    }

    @Test
    void settingADefaultClearsThePreviousDefaultOfTheSameLevel() {
        String first = server.owner().post("/models", Map.of("name", "Tenant One", "is_default", true,
                "providers", List.of(Map.of("provider", "scripted", "provider_model_id", "one")))).json()
                .get("id").asText();
        String second = server.owner().post("/models", Map.of("name", "Tenant Two",
                "providers", List.of(Map.of("provider", "scripted", "provider_model_id", "two")))).json()
                .get("id").asText();
        assertThat(server.owner().get("/models/" + first).json().get("is_default").asBoolean()).isTrue();
        server.owner().put("/models/" + second, Map.of("is_default", true));
        assertThat(server.owner().get("/models/" + first).json().get("is_default").asBoolean()).isFalse();
        assertThat(server.owner().get("/models/" + second).json().get("is_default").asBoolean()).isTrue();
        assertThat(server.owner().get("/models/" + MODEL_A).json().get("is_default").asBoolean())
                .as("the global level is another level").isTrue();
        assertThat(create(null).json().get("resolved_model_id").asText()).isEqualTo(second);
    }

    @Test
    void autoFallsBackToTheFirstActiveChatModelByNameThenFailsWhenThereIsNone(@TempDir Path other)
            throws Exception {
        String yaml = """
                tenants:
                  - {id: "%s", name: solo, tokens: [{token: "solo-owner-token", role: owner}]}
                providers:
                  - {id: scripted, kind: openai-compatible, base_url: "%s"}
                """.formatted(TestServer.ACME, server.llm().baseUrl());
        java.nio.file.Files.writeString(other.resolve("c.yaml"), yaml);
        try (var solo = dev.builderdesk.app.ServerAssembly.start(new dev.builderdesk.app.ServerAssembly.Options(
                other.resolve("data"), other.resolve("c.yaml"), "127.0.0.1", 0, List.of(), name -> null))) {
            Api api = new Api(solo.baseUrl(), "solo-owner-token");
            String app = api.post("/admin/apps", Map.of("name", "s", "template", "empty")).json().get("id").asText();
            Api.Resp none = api.post(runs(app), Map.of("input", "x"));
            assertThat(none.status()).isEqualTo(400);
            assertThat(none.detail().get("code").asText()).isEqualTo("CODING_AGENT_MODEL_UNAVAILABLE");
            assertThat(none.detail().get("message").asText())
                    .isEqualTo("No active chat model is available for this tenant.");
            List<String> ids = new ArrayList<>();
            for (String name : List.of("Zeta", "Beta", "Alpha")) {
                ids.add(api.post("/models", Map.of("name", name, "is_active", !name.equals("Alpha"),
                        "providers", List.of(Map.of("provider", "scripted", "provider_model_id", name)))).json()
                        .get("id").asText());
            }
            assertThat(api.post(runs(app), Map.of("input", "x")).json().get("resolved_model_name").asText())
                    .as("first active chat model by name").isEqualTo("Beta");
            api.put("/models/" + ids.get(0), Map.of("is_default", true));
            assertThat(api.post(runs(app), Map.of("input", "x")).json().get("resolved_model_name").asText())
                    .as("the tenant default comes first").isEqualTo("Zeta");
        }
    }

    @Test
    void modelAdminRoutesAnswerWithContractCodes() {
        Api owner = server.owner();
        String unknown = "5d1e0000-0000-4000-8000-0000000000ff";
        assertThat(owner.get("/models/" + unknown).status()).isEqualTo(404);
        assertThat(owner.get("/models/" + unknown).detailText()).isEqualTo("Model not found");
        assertThat(owner.get("/models/" + MODEL_A).json().get("name").asText()).isEqualTo("Model A");
        assertThat(owner.get("/models/nope").status()).isEqualTo(422);
        JsonNode created = owner.post("/models", Map.of("name", "Local Qwen", "metadata",
                Map.of("supports_tools", false), "providers", List.of(Map.of("provider", "scripted",
                        "provider_model_id", "qwen")))).json();
        assertThat(created.get("slug").asText()).isEqualTo("local-qwen");
        assertThat(created.get("tenant_id").asText()).isEqualTo(TestServer.ACME);
        assertThat(owner.put("/models/" + created.get("id").asText(), Map.of("is_active", false)).json()
                .get("is_active").asBoolean()).isFalse();
        assertThat(owner.post("/models", Map.of("name", "x", "providers", List.of(Map.of("provider", "nowhere",
                "provider_model_id", "m")))).status()).isEqualTo(400);
        assertThat(owner.delete("/models/" + created.get("id").asText()).status()).isEqualTo(200);
        assertThat(owner.get("/models/" + created.get("id").asText()).status()).isEqualTo(404);
        assertThat(owner.delete("/models/" + MODEL_A).status()).isEqualTo(403);
    }
}
