package dev.builderdesk.app.cli;

import dev.builderdesk.client.ServerConnection;
import picocli.CommandLine.Option;

/** Which server, which token, which tenant, which app: the options every client command shares. */
public class ConnectionOptions {
    @Option(names = "--server", required = true, description = "Run API base URL, e.g. http://127.0.0.1:8787")
    String server;

    @Option(names = "--token", required = true, description = "Bearer token")
    String token;

    @Option(names = "--tenant", description = "Tenant id (sent as X-Tenant-ID)")
    String tenant;

    @Option(names = "--app", required = true, description = "App id")
    String app;

    ServerConnection connection() {
        ServerConnection c = ServerConnection.of(server, token);
        return tenant == null ? c : c.withTenant(tenant);
    }
}
