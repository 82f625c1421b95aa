package dev.builderdesk.client.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/** The one OkHttp client (pool, dispatcher) and the threads that follow streams. */
public final class HttpRuntime implements AutoCloseable {
    private final OkHttpClient http = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .retryOnConnectionFailure(true)
            .build();
    private final ExecutorService streams = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-stream-", 0).factory());

    OkHttpClient http() {
        return http;
    }

    ExecutorService streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try {
            streams.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
