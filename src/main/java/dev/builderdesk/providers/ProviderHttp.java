package dev.builderdesk.providers;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * The HTTP clients the providers share (one connection pool, one dispatcher): without TLS for an {@code http://}
 * endpoint, as local model servers on loopback are, and with it otherwise. The TLS client is built when an endpoint
 * first needs it: setting TLS up reads the platform's trust store, 100–200 ms that a server's start (and the search
 * for local model servers in it) need not spend.
 */
public final class ProviderHttp implements AutoCloseable {
    private final OkHttpClient plain;
    private OkHttpClient tls;

    /** {@code base} sets the timeouts and the socket factory; its connection specs are replaced. */
    public ProviderHttp(OkHttpClient.Builder base) {
        this.plain = base.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
    }

    /** The client for an endpoint at {@code baseUrl}. */
    public OkHttpClient forUrl(String baseUrl) {
        return baseUrl.toLowerCase(Locale.ROOT).startsWith("http://") ? plain : tls();
    }

    private synchronized OkHttpClient tls() {
        if (tls == null) {
            tls = plain.newBuilder().connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
                    .build();
        }
        return tls;
    }

    /** Stops the shared dispatcher's threads and drops pooled connections. */
    @Override
    public void close() {
        plain.dispatcher().executorService().shutdown();
        plain.connectionPool().evictAll();
        try {
            plain.dispatcher().executorService().awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
