package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider admin (ours): the test route, discovery that adds only chat models (the first few switched on), coded
 * refusals naming the field, and removal refused while a model of the provider is the default or a run uses it.
 */
class ProviderRoutesTest {
    @TempDir
    Path dir;
    TestServer server;
    ScriptedLlm team;
    Api owner;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
        owner = server.owner();
        team = ScriptedLlm.start().requireKey("sk-good").listing(List.of(
                Map.of("id", "text-embedding-3-small"), Map.of("id", "gpt-4o"), Map.of("id", "whisper-1"),
                Map.of("id", "gpt-4o-mini"), Map.of("id", "tts-1-hd"), Map.of("id", "nomic-v2", "type", "embedding"),
                Map.of("id", "dall-e-3"), Map.of("id", "o3-mini"), Map.of("id", "omni-moderation-latest"),
                Map.of("id", "qwen-coder", "type", "chat"), Map.of("id", "bge-reranker-v2")));
    }

    @AfterEach
    void stop() {
        server.close();
        team.close();
    }

    private JsonNode addTeam(String key) {
        Api.Resp r = owner.post("/providers", key == null ? Map.of("name", "Team", "base_url", team.baseUrl())
                : Map.of("name", "Team", "base_url", team.baseUrl(), "api_key", key));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json();
    }

    @Test
    void testSaysReachableKeyRejectedUnreachableOrNotAModelList() {
        addTeam("sk-wrong");
        JsonNode rejected = owner.post("/providers/team/test", null).json();
        assertThat(rejected.get("outcome").asText()).isEqualTo("key_rejected");
        assertThat(rejected.get("http_status").asInt()).isEqualTo(401);
        assertThat(rejected.get("message").asText()).isEqualTo("The provider rejected the API key (401).");

        assertThat(owner.put("/providers/team", Map.of("api_key", "")).json().get("has_api_key").asBoolean())
                .as("an empty key removes it").isFalse();
        assertThat(owner.post("/providers/team/test", null).json().get("message").asText())
                .isEqualTo("The provider needs an API key (401).");

        owner.put("/providers/team", Map.of("api_key", "sk-good"));
        JsonNode ok = owner.post("/providers/team/test", null).json();
        assertThat(ok.get("outcome").asText()).isEqualTo("ok");
        assertThat(ok.get("model_count").asInt()).isEqualTo(11);
        assertThat(ok.get("chat_model_count").asInt()).isEqualTo(4);
        assertThat(ok.get("message").asText()).isEqualTo("Reachable: 11 models, 4 of them chat models.");

        owner.put("/providers/team", Map.of("base_url", "http://127.0.0.1:9/v1"));
        JsonNode gone = owner.post("/providers/team/test", null).json();
        assertThat(gone.get("outcome").asText()).isEqualTo("unreachable");
        assertThat(gone.get("message").asText()).isEqualTo("Nothing answers at http://127.0.0.1:9/v1. Check the"
                + " address and that the server is running.");

        String root = team.baseUrl().replace("/v1", "");
        owner.put("/providers/team", Map.of("base_url", root));
        JsonNode noList = owner.post("/providers/team/test", null).json();
        assertThat(noList.get("outcome").asText()).isEqualTo("error");
        assertThat(noList.get("http_status").asInt()).isEqualTo(404);
        assertThat(noList.get("message").asText()).contains("it usually ends in /v1");

        assertThat(owner.post("/providers/demo/test", null).json().get("outcome").asText()).isEqualTo("ok");
        assertThat(owner.post("/providers/nope/test", null).status()).isEqualTo(404);
        assertThat(server.api(TestServer.ACME_MEMBER).post("/providers/team/test", null).status()).isEqualTo(403);
        assertThat(server.api(TestServer.BETA_OWNER).post("/providers/team/test", null).status())
                .as("another tenant's provider does not exist").isEqualTo(404);
    }

    @Test
    void providerIdsAreScopedPerTenantAndEachTenantsModelsRunOnItsOwn() throws Exception {
        addTeam("sk-good");
        Api beta = server.api(TestServer.BETA_OWNER);
        try (ScriptedLlm theirs = ScriptedLlm.start().listing(List.of(Map.of("id", "beta-coder", "type", "chat")))) {
            Api.Resp same = beta.post("/providers", Map.of("id", "team", "name", "Team", "base_url", theirs.baseUrl()));
            assertThat(same.status()).as("another tenant's id is free: " + same.raw()).isEqualTo(200);
            assertThat(beta.get("/providers/team").json().get("base_url").asText()).isEqualTo(theirs.baseUrl());
            assertThat(owner.get("/providers/team").json().get("base_url").asText()).isEqualTo(team.baseUrl());

            // Beta's model on its "team" runs on beta's endpoint, never on acme's provider of the same id.
            String model = beta.post("/providers/team/discover", Map.of("add", true)).json().get("added").get(0)
                    .get("id").asText();
            theirs.script("beta-coder", ScriptedLlm.Reply.text("Answered by beta's provider."));
            String betaApp = beta.post("/admin/apps", Map.of("name", "b", "template", "empty")).json().get("id")
                    .asText();
            String run = beta.post(TestServer.runs(betaApp), Map.of("input", "hi", "model_id", model)).json()
                    .get("run_id").asText();
            JsonNode settled = beta.get(TestServer.runs(betaApp) + "/" + run).json();
            for (int i = 0; i < 300 && !settled.get("status").asText().equals("completed"); i++) {
                Thread.sleep(50);
                settled = beta.get(TestServer.runs(betaApp) + "/" + run).json();
            }
            assertThat(settled.get("status").asText()).as(settled.toString()).isEqualTo("completed");
            assertThat(theirs.requestsFor("beta-coder")).hasSize(1);
            assertThat(team.requestsFor("beta-coder")).isEmpty();

            // Changing or removing it touches beta's own only; a global provider's id stays taken.
            Api.Resp renamed = beta.put("/providers/team", Map.of("name", "Beta team"));
            assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
            assertThat(beta.get("/providers/team").json().get("name").asText()).isEqualTo("Beta team");
            assertThat(owner.get("/providers/team").json().get("name").asText()).isEqualTo("Team");
            Api.Resp removed = beta.delete("/providers/team");
            assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
            assertThat(beta.get("/providers/team").status()).isEqualTo(404);
            assertThat(owner.get("/providers/team").json().get("base_url").asText()).isEqualTo(team.baseUrl());
            Api.Resp global = beta.post("/providers", Map.of("id", "scripted", "name", "Mine", "base_url",
                    theirs.baseUrl()));
            assertThat(global.status()).isEqualTo(409);
            assertThat(global.detail().get("code").asText()).isEqualTo("PROVIDER_EXISTS");
        }
    }

    @Test
    void discoveryAddsOnlyChatModelsAndSwitchesOnTheFirstThree() {
        addTeam("sk-wrong");
        Api.Resp refused = owner.post("/providers/team/discover", Map.of("add", true));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail().get("code").asText()).isEqualTo("PROVIDER_AUTH_FAILED");
        assertThat(refused.detail().get("field").asText()).isEqualTo("api_key");
        owner.put("/providers/team", Map.of("api_key", "sk-good"));

        JsonNode listed = owner.post("/providers/team/discover", null).json();
        assertThat(listed.get("models")).hasSize(11);
        assertThat(listed.get("added")).as("without add nothing is added").isEmpty();
        assertThat(listed.get("offered").get(0).get("capability_type").asText()).isEqualTo("embedding");
        assertThat(listed.get("offered").get(5).get("capability_type").asText()).as("metadata decides")
                .isEqualTo("embedding");

        JsonNode added = owner.post("/providers/team/discover", Map.of("add", true)).json().get("added");
        assertThat(added.findValuesAsText("name")).containsExactly("gpt-4o", "gpt-4o-mini", "o3-mini",
                "qwen-coder");
        assertThat(added.findValuesAsText("is_active")).containsExactly("true", "true", "true", "false");
        assertThat(added.get(0).get("metadata").get("provider_label").asText()).isEqualTo("Team");
        assertThat(added.get(0).get("is_default").asBoolean()).isFalse();
        JsonNode active = owner.get("/models?capability_type=chat&is_active=true&limit=100").json().get("models");
        assertThat(active.findValuesAsText("name")).contains("gpt-4o").doesNotContain("text-embedding-3-small",
                "whisper-1", "qwen-coder");
        assertThat(owner.post("/providers/team/discover", Map.of("add", true)).json().get("added"))
                .as("nothing twice").isEmpty();
        assertThat(owner.post("/providers/team/discover", Map.of("add", "yes")).status()).isEqualTo(422);
    }

    @Test
    void aProviderMadeOverTheApiNeverSendsTheServersEnvironment() throws Exception {
        Api.Resp create = owner.post("/providers", Map.of("name", "Leak", "base_url", team.baseUrl(),
                "api_key_env", "HOME"));
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.detail().get("code").asText()).isEqualTo("PROVIDER_INVALID");
        assertThat(create.detail().get("field").asText()).isEqualTo("api_key_env");
        assertThat(owner.get("/providers/leak").status()).as("nothing was made").isEqualTo(404);
        addTeam(null);
        Api.Resp update = owner.put("/providers/team", Map.of("api_key_env", "PATH"));
        assertThat(update.status()).isEqualTo(400);
        assertThat(update.detail().get("field").asText()).isEqualTo("api_key_env");

        // A row stored with a variable before the API refused it (written into the database as it was then).
        try (var db = server.database();
                var set = db.prepareStatement("UPDATE providers SET api_key_env = 'HOME' WHERE id = 'team'")) {
            assertThat(set.executeUpdate()).isEqualTo(1);
        }
        assertThat(owner.get("/providers/team").json().get("has_api_key").asBoolean())
                .as("has_api_key does not tell whether HOME exists").isFalse();
        int before = team.authorizations().size();
        owner.post("/providers/team/discover", null);
        owner.post("/providers/team/test", null);
        List<String> sent = team.authorizations().subList(before, team.authorizations().size());
        assertThat(sent).as("both reached the provider").hasSize(2);
        assertThat(sent).as("with no key at all").containsOnly("");
    }

    @Test
    void withAnAllowListATenantsProviderMayPointOnlyUnderIt() throws Exception {
        server.close();
        server = TestServer.start(java.nio.file.Files.createDirectories(dir.resolve("listed")),
                TestServer.Options.defaults().providerUrls(team.baseUrl()));
        owner = server.owner();
        Api.Resp inside = owner.post("/providers", Map.of("name", "Team", "base_url", team.baseUrl(), "api_key",
                "sk-good"));
        assertThat(inside.status()).as(inside.raw()).isEqualTo(200);
        for (String outside : List.of("http://127.0.0.1:9/v1", team.baseUrl().replace("/v1", "/v10"),
                "http://169.254.169.254/latest", team.baseUrl() + "/../admin", team.baseUrl() + "/%2e%2e/admin",
                team.baseUrl().replace("http://", "http://x@"))) {
            Api.Resp r = owner.post("/providers", Map.of("name", "Probe " + outside.length(), "base_url", outside));
            assertThat(r.status()).as(outside).isEqualTo(400);
            assertThat(r.detail().get("field").asText()).isEqualTo("base_url");
            assertThat(r.detail().get("message").asText()).contains("only at the addresses its operator allows");
        }
        assertThat(owner.put("/providers/team", Map.of("base_url", "http://10.0.0.1:8080/v1")).status())
                .isEqualTo(400);
        assertThat(owner.post("/providers/team/test", null).json().get("outcome").asText()).isEqualTo("ok");
        int before = team.authorizations().size();
        // A provider saved before the list was set is not contacted outside it.
        try (var db = server.database(); var set = db.prepareStatement(
                "UPDATE providers SET base_url = 'http://127.0.0.1:9/v1' WHERE id = 'team'")) {
            assertThat(set.executeUpdate()).isEqualTo(1);
        }
        assertThat(owner.post("/providers/team/discover", null).status()).isEqualTo(400);
        assertThat(owner.post("/providers/team/test", null).status()).isEqualTo(400);
        assertThat(team.authorizations()).hasSize(before);
    }

    @Test
    void badFieldsAreCodedAndNameTheField() {
        Api.Resp blank = owner.post("/providers", Map.of("name", "  ", "base_url", team.baseUrl()));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.detail().get("code").asText()).isEqualTo("PROVIDER_INVALID");
        assertThat(blank.detail().get("field").asText()).isEqualTo("name");
        Api.Resp url = owner.post("/providers", Map.of("name", "X", "base_url", "team-server:8787"));
        assertThat(url.detail().get("field").asText()).isEqualTo("base_url");
        assertThat(url.detail().get("message").asText()).startsWith("The base URL must be an http:// or https://");
        assertThat(owner.post("/providers", Map.of("name", "X", "base_url", "http://")).detail().get("field")
                .asText()).isEqualTo("base_url");
        assertThat(owner.post("/providers", Map.of("id", "Bad Id", "name", "X", "base_url", team.baseUrl()))
                .detail().get("field").asText()).isEqualTo("id");
        addTeam(null);
        Api.Resp twice = owner.post("/providers", Map.of("name", "team", "base_url", team.baseUrl()));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.detail().get("code").asText()).isEqualTo("PROVIDER_EXISTS");
        assertThat(twice.detail().get("field").asText()).isEqualTo("name");
        assertThat(twice.detail().get("message").asText()).isEqualTo("There is already a provider named Team.");
        JsonNode other = owner.post("/providers", Map.of("name", "Team!", "base_url", team.baseUrl())).json();
        assertThat(other.get("id").asText()).as("a free id is found").isEqualTo("team-2");
        assertThat(owner.put("/providers/team", Map.of("name", "")).detail().get("field").asText())
                .isEqualTo("name");
        assertThat(owner.put("/providers/team", Map.of("name", "Team!")).status()).isEqualTo(409);
        assertThat(owner.put("/providers/team", Map.of("base_url", "ftp://x")).detail().get("field").asText())
                .isEqualTo("base_url");
        assertThat(owner.get("/providers/team").json().get("base_url").asText()).isEqualTo(team.baseUrl());
        for (Api.Resp r : List.of(blank, url, twice)) {
            assertThat(r.raw()).doesNotContainIgnoringCase("tenant").doesNotContainIgnoringCase("principal")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void removalTakesTheModelsAlongButIsRefusedForTheDefaultAndWhileARunUsesIt() throws Exception {
        owner.post("/providers", Map.of("name", "Local", "base_url", server.llm().baseUrl()));
        server.llm().listing(List.of(Map.of("id", "held"), Map.of("id", "spare"), Map.of("id", "embed-it")));
        JsonNode added = owner.post("/providers/local/discover", Map.of("add", true)).json().get("added");
        String held = added.get(0).get("id").asText();
        String spare = added.get(1).get("id").asText();

        owner.put("/models/" + spare, Map.of("is_default", true));
        Api.Resp isDefault = owner.delete("/providers/local");
        assertThat(isDefault.status()).isEqualTo(409);
        assertThat(isDefault.detail().get("code").asText()).isEqualTo("PROVIDER_IN_USE");
        assertThat(isDefault.detail().get("reason").asText()).isEqualTo("default_model");
        assertThat(isDefault.detail().get("model_name").asText()).isEqualTo("spare");
        assertThat(isDefault.detail().get("message").asText()).isEqualTo("Local can't be removed while its model"
                + " spare is the default for Auto. Make another model the default first.");
        owner.put("/models/" + spare, Map.of("is_default", false));

        Semaphore tap = new Semaphore(0);
        server.llm().script("held", ScriptedLlm.Reply.onTap(List.of("Hel", "lo"), tap));
        String app = server.createApp("app", "empty").get("id").asText();
        String run = server.createRun(app, Map.of("input", "hi", "model_id", held)).get("run_id").asText();
        server.awaitStatus(app, run, "running");
        Api.Resp busy = owner.delete("/providers/local");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.detail().get("reason").asText()).isEqualTo("active_run");
        assertThat(busy.detail().get("run_id").asText()).isEqualTo(run);
        assertThat(busy.detail().get("message").asText()).isEqualTo("Local can't be removed while a run uses its"
                + " model held. Wait for the run to end or stop it, then try again.");
        tap.release(2);
        server.awaitStatus(app, run, "completed");

        Api.Resp removed = owner.delete("/providers/local");
        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
        assertThat(owner.get("/providers/local").status()).isEqualTo(404);
        assertThat(owner.get("/models/" + held).status()).as("its models go with it").isEqualTo(404);
        assertThat(owner.get("/models/" + TestServer.MODEL_A).status()).isEqualTo(200);
        assertThat(owner.get(TestServer.runs(app) + "/" + run).json().get("resolved_model_id").asText())
                .as("runs keep what they resolved").isEqualTo(held);
        assertThat(owner.delete("/providers/scripted").status()).as("configured providers stay").isEqualTo(403);
    }
}
