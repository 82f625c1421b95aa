package dev.builderdesk.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config mistakes stop startup with a message naming the line (CONTRACT.md §7). */
class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("ACME_TOKEN", "secret-token-1")::get);

    private static final String VALID = """
            server: {host: 127.0.0.1, port: 8787, heartbeat_seconds: 10}
            database: {url: "jdbc:sqlite:${data_dir}/builder-desk.db"}
            tenants:
              - {id: "0b6f0000-0000-4000-8000-000000000001", name: "acme",
                 tokens: [{token_env: "ACME_TOKEN", role: owner}]}
            providers:
              - {id: ollama, name: "Ollama", kind: openai-compatible, base_url: "http://127.0.0.1:11434/v1",
                 api_key_env: null}
            models:
              - {id: "5d1e0000-0000-4000-8000-000000000001", tenant: null, name: "Qwen2.5 Coder 7B",
                 capability_type: chat, is_active: true, is_default: true,
                 metadata: {context_window: 32768, supports_tools: true},
                 providers: [{provider: ollama, provider_model_id: "qwen2.5-coder:7b", priority: 0}]}
            engines: {default: native, opencode: {command: "opencode", enabled: true}}
            """;

    @Test
    void theContractsExampleLoads() {
        ServerConfig c = loader.parse("c.yaml", VALID);
        assertThat(c.server().port()).isEqualTo(8787);
        assertThat(c.models().get(0).providers().get(0).providerModelId()).isEqualTo("qwen2.5-coder:7b");
        assertThat(c.engines().defaultEngine()).isEqualTo("native");
        assertThat(ConfigLoader.tenantId(c, "acme")).isEqualTo("0b6f0000-0000-4000-8000-000000000001");
    }

    @Test
    void anUnknownKeyNamesItsLine() {
        String yaml = VALID.replace("engines: {default: native", "engines: {defualt: native");
        assertThatThrownBy(() -> loader.parse("c.yaml", yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("c.yaml:14: unknown key 'defualt'");
    }

    @Test
    void aModelPointingAtAnUnknownProviderNamesItsLine() {
        String yaml = VALID.replace("providers: [{provider: ollama", "providers: [{provider: olama");
        assertThatThrownBy(() -> loader.parse("c.yaml", yaml))
                .hasMessage("c.yaml:13: model 'Qwen2.5 Coder 7B' refers to unknown provider 'olama'");
    }

    @Test
    void twoDefaultsAtOneLevelAreRefused() {
        String yaml = VALID.replace("engines:", """
                  - {id: "5d1e0000-0000-4000-8000-000000000002", name: "Other", is_default: true,
                     providers: [{provider: ollama, provider_model_id: "other"}]}
                engines:""");
        assertThatThrownBy(() -> loader.parse("c.yaml", yaml)).hasMessage(
                "c.yaml:14: two default chat models at the global level (the other is at line 10)");
    }

    @Test
    void aMissingWorkspaceFolderAndAnUnsetTokenVariableAreRefused() {
        String app = VALID + "apps:\n  - {id: \"9a0c0000-0000-4000-8000-000000000001\", tenant: acme, name: x,"
                + " workspace_path: \"/no/such/dir\"}\n";
        assertThatThrownBy(() -> loader.parse("c.yaml", app))
                .hasMessage("c.yaml:16: workspace_path /no/such/dir does not exist");
        assertThatThrownBy(() -> new ConfigLoader(name -> null).parse("c.yaml", VALID))
                .hasMessage("c.yaml:5: environment variable ACME_TOKEN is not set");
    }

    @Test
    void aWorkspaceRootMustBeAnExistingAbsoluteFolder() {
        String yaml = VALID.replace("name: \"acme\",", "name: \"acme\", workspace_roots: [\"/no/such/root\"],");
        assertThat(yaml).contains("workspace_roots");
        assertThatThrownBy(() -> loader.parse("c.yaml", yaml))
                .hasMessage("c.yaml:4: workspace root '/no/such/root' must be the absolute path of an existing folder");
        String ok = VALID.replace("name: \"acme\",", "name: \"acme\", workspace_roots: [\"/tmp\"],");
        assertThat(loader.parse("c.yaml", ok).tenants().get(0).workspaceRoots()).containsExactly("/tmp");
    }

    @Test
    void wrongTypesNameTheirLine() {
        String yaml = VALID.replace("port: 8787", "port: lots");
        assertThatThrownBy(() -> loader.parse("c.yaml", yaml)).hasMessageStartingWith("c.yaml:1: ");
    }
}
