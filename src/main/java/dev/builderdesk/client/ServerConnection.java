package dev.builderdesk.client;

import java.time.Duration;

/**
 * Where a run API server is and how to authenticate: base URL (e.g. {@code http://127.0.0.1:8787}), bearer token,
 * optional tenant id (sent as {@code X-Tenant-ID}), the server's heartbeat interval, which sets how long a silent
 * stream may stay silent (twice the heartbeat) before it counts as dropped, and the first reconnect delay of a
 * dropped stream (doubling per failed attempt, at most 5 s).
 */
public record ServerConnection(String baseUrl, String token, String tenantId, Duration heartbeat,
        Duration reconnectDelay) {
    public ServerConnection {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A connection with the contract's default heartbeat (10 s), a 200 ms first reconnect delay, no tenant. */
    public static ServerConnection of(String baseUrl, String token) {
        return new ServerConnection(baseUrl, token, null, Duration.ofSeconds(10), Duration.ofMillis(200));
    }

    public ServerConnection withTenant(String tenant) {
        return new ServerConnection(baseUrl, token, tenant, heartbeat, reconnectDelay);
    }

    public ServerConnection withHeartbeat(Duration interval) {
        return new ServerConnection(baseUrl, token, tenantId, interval, reconnectDelay);
    }

    public ServerConnection withReconnectDelay(Duration delay) {
        return new ServerConnection(baseUrl, token, tenantId, heartbeat, delay);
    }
}
