package dev.builderdesk.client.internal;

import dev.builderdesk.client.ServerConnection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * The OkHttp clients (one connection pool, one dispatcher) and the threads that follow streams. A server reached
 * over plain HTTP, as the embedded one on loopback is, gets a client without TLS: setting TLS up reads the
 * platform's trust store, 100–200 ms that a desktop start need not spend. The TLS client is built when a
 * connection first needs it.
 */
public final class HttpRuntime implements AutoCloseable {
    private final OkHttpClient plain = new OkHttpClient.Builder()
            .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .retryOnConnectionFailure(true)
            .build();
    private OkHttpClient tls;
    private final ExecutorService streams = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-stream-", 0).factory());

    /** The client for this server: without TLS for an {@code http://} URL, with it otherwise. */
    OkHttpClient http(ServerConnection connection) {
        return connection.baseUrl().toLowerCase(Locale.ROOT).startsWith("http://") ? plain : tls();
    }

    ExecutorService streams() {
        return streams;
    }

    private synchronized OkHttpClient tls() {
        if (tls == null) {
            tls = plain.newBuilder().connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                    .build();
        }
        return tls;
    }

    @Override
    public void close() {
        streams.shutdownNow();
        // The two clients share the dispatcher and the pool.
        plain.dispatcher().executorService().shutdown();
        plain.connectionPool().evictAll();
        try {
            streams.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
