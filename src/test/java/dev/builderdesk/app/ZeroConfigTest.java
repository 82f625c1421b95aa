package dev.builderdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server started without a configuration: one tenant, one owner token, demo model, local model servers. */
class ZeroConfigTest {
    @Test
    void aLocalModelServerOnLoopbackIsFoundAndItsFirstModelBecomesTheDefault(@TempDir Path data) throws Exception {
        try (ScriptedLlm ollama = ScriptedLlm.start()) {
            List<ZeroConfig.LocalServer> local = List.of(new ZeroConfig.LocalServer("ollama", "Ollama",
                    ollama.baseUrl()), new ZeroConfig.LocalServer("lmstudio", "LM Studio", "http://127.0.0.1:9/v1"));
            String token;
            try (ServerAssembly server = ServerAssembly.start(new ServerAssembly.Options(data, null, "127.0.0.1", 0,
                    local, name -> null))) {
                assertThat(server.ownerTokenCreated()).isTrue();
                token = server.ownerToken().orElseThrow();
                assertThat(Files.readString(data.resolve("token")).strip()).isEqualTo(token);
                Api api = new Api(server.baseUrl(), token);
                JsonNode models = api.get("/models").json().get("models");
                assertThat(models.findValuesAsText("name")).containsExactly("Demo (scripted, offline)", "model-a",
                        "model-b");
                JsonNode first = models.get(1);
                assertThat(first.get("is_default").asBoolean()).isTrue();
                assertThat(first.get("metadata").get("provider_label").asText()).isEqualTo("Ollama");
                assertThat(models.get(0).get("is_default").asBoolean()).isFalse();
                assertThat(api.get("/providers").json().findValuesAsText("id")).containsExactlyInAnyOrder("ollama",
                        "demo");
            }
            try (ServerAssembly again = ServerAssembly.start(new ServerAssembly.Options(data, null, "127.0.0.1", 0,
                    local, name -> null))) {
                assertThat(again.ownerTokenCreated()).isFalse();
                assertThat(again.ownerToken()).hasValue(token);
                JsonNode models = new Api(again.baseUrl(), token).get("/models").json().get("models");
                assertThat(models).as("a restart adds nothing twice").hasSize(3);
            }
        }
    }

    @Test
    void withNothingOnLoopbackTheDemoModelIsTheDefault(@TempDir Path data) {
        try (ServerAssembly server = ServerAssembly.start(new ServerAssembly.Options(data, null, "127.0.0.1", 0,
                List.of(), name -> null))) {
            Api api = new Api(server.baseUrl(), server.ownerToken().orElseThrow());
            JsonNode models = api.get("/models").json().get("models");
            assertThat(models).hasSize(1);
            assertThat(models.get(0).get("name").asText()).isEqualTo("Demo (scripted, offline)");
            assertThat(models.get(0).get("is_default").asBoolean()).isTrue();
            assertThat(api.get("/health").status()).isEqualTo(200);
        }
    }
}
