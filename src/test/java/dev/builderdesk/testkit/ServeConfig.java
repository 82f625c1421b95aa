package dev.builderdesk.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration file of the tests that run {@code serve} as a process: one tenant with an owner token, the
 * scripted model as its default, and one app on the folder {@code dir/site} (created holding {@code src/App.tsx}).
 */
public final class ServeConfig {
    public static final String TENANT = "0b6f0000-0000-4000-8000-000000000001";
    public static final String APP = "9a0c0000-0000-4000-8000-000000000001";
    public static final String RUNS = "/admin/apps/" + APP + "/coding-agent/runs";

    private ServeConfig() {
    }

    /** Writes {@code dir/server.yaml} with {@code extra} (more top-level sections) at its head; returns its path. */
    public static Path write(Path dir, ScriptedLlm llm, String token, String extra) throws IOException {
        Path site = Files.createDirectories(dir.resolve("site/src"));
        Files.writeString(site.resolve("App.tsx"), "export const v = 0;\n");
        Path config = dir.resolve("server.yaml");
        Files.writeString(config, extra + """

                tenants: [{id: "%s", name: t, tokens: [{token: "%s", role: owner}]}]
                providers: [{id: scripted, base_url: "%s"}]
                models:
                  - {id: "5d1e0000-0000-4000-8000-00000000000a", name: "Model A", is_default: true,
                     providers: [{provider: scripted, provider_model_id: model-a}]}
                apps: [{id: "%s", tenant: t, name: site, workspace_path: "%s"}]
                runs: {provider_retry_delay_ms: 50}
                """.formatted(TENANT, token, llm.baseUrl(), APP, dir.resolve("site")));
        return config;
    }
}
