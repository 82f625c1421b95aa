package dev.builderdesk.app.cli;

import dev.builderdesk.client.ServerConnection;
import picocli.CommandLine.Option;

/** The options every client command shares: which server, which token, which tenant, which output. */
public final class ServerOptions {
    @Option(names = "--server", required = true, description = "Run API base URL, e.g. http://127.0.0.1:8787")
    String server;

    @Option(names = "--token", required = true, description = "Bearer token")
    String token;

    @Option(names = "--tenant", description = "Tenant id (sent as X-Tenant-ID)")
    String tenant;

    @Option(names = "--app", required = true, description = "App id")
    String app;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or jsonl")
    OutputFormat format;

    /** How events are printed. */
    public enum OutputFormat { text, jsonl }

    ServerConnection connection() {
        ServerConnection c = ServerConnection.of(server, token);
        return tenant == null ? c : c.withTenant(tenant);
    }
}
