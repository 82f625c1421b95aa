package dev.builderdesk.client;

import java.time.Duration;

/**
 * Where a run API server is and how to authenticate: base URL (e.g. {@code http://127.0.0.1:8787}), bearer token,
 * optional tenant id (sent as {@code X-Tenant-ID}), and the server's heartbeat interval, which sets how long a
 * silent stream may stay silent (twice the heartbeat) before it counts as dropped.
 */
public record ServerConnection(String baseUrl, String token, String tenantId, Duration heartbeat) {
    public ServerConnection {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A connection with the contract's default heartbeat (10 s) and no tenant header. */
    public static ServerConnection of(String baseUrl, String token) {
        return new ServerConnection(baseUrl, token, null, Duration.ofSeconds(10));
    }
}
