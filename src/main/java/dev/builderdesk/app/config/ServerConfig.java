package dev.builderdesk.app.config;

import java.util.List;
import java.util.Map;

/**
 * The server configuration file (CONTRACT.md §7). Every section is optional; unknown keys are errors. The
 * {@code runs} section is ours: the tool-iteration budget, the history budget and the demo model's pace.
 */
public record ServerConfig(
        Server server,
        Database database,
        List<Tenant> tenants,
        List<ProviderEntry> providers,
        List<ModelEntry> models,
        List<AppEntry> apps,
        Engines engines,
        Runs runs) {

    /**
     * True for a shared server: tenants are declared, so tokens belong to several teams. Without any the server is
     * the desktop's own (zero-config: one user, their machine).
     */
    public boolean shared() {
        return tenants != null && !tenants.isEmpty();
    }

    /**
     * {@code provider_url_prefixes}: where tenants' providers may point (absent: anywhere);
     * {@code allow_verify_commands}: whether tenants' apps may run verify commands on a server with tenants;
     * {@code lease_seconds}: how long a run stays with an instance that stopped renewing it (default 6, ADR 0017).
     */
    public record Server(String host, Integer port, Integer heartbeatSeconds, List<String> providerUrlPrefixes,
            Boolean allowVerifyCommands, Integer leaseSeconds) {
    }

    /** {@code pool_size}: the most connections the server holds (default 8). */
    public record Database(String url, Integer poolSize) {
    }

    /** {@code workspace_roots}: the folders under which the tenant may open app folders over the API. */
    public record Tenant(String id, String name, List<TokenEntry> tokens, List<String> workspaceRoots) {
    }

    public record TokenEntry(String token, String tokenEnv, String role) {
    }

    public record ProviderEntry(String id, String name, String kind, String baseUrl, String apiKeyEnv,
            String apiKey) {
    }

    public record ModelEntry(String id, String tenant, String name, String slug, String description,
            String capabilityType, String status, String version, Boolean isActive, Boolean isDefault,
            Map<String, Object> metadata, List<BindingEntry> providers) {
    }

    public record BindingEntry(String provider, String providerModelId, Integer priority, Boolean isEnabled) {
    }

    public record AppEntry(String id, String tenant, String name, String workspacePath, String template) {
    }

    public record Engines(String defaultEngine, OpenCode opencode) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Engines(@com.fasterxml.jackson.annotation.JsonProperty("default") String defaultEngine,
                @com.fasterxml.jackson.annotation.JsonProperty("opencode") OpenCode opencode) {
            this.defaultEngine = defaultEngine;
            this.opencode = opencode;
        }
    }

    public record OpenCode(String command, Boolean enabled) {
    }

    public record Runs(Integer maxToolIterations, Integer messageBudgetChars, Integer demoChunkDelayMs,
            Integer providerMaxAttempts, Integer providerRetryDelayMs) {
    }

    /** The configuration used when no file is given. */
    public static ServerConfig empty() {
        return new ServerConfig(null, null, null, null, null, null, null, null);
    }
}
