package dev.builderdesk.client.internal;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.client.RunStream;
import dev.builderdesk.client.RunStreamListener;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.StreamEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Follows one run's stream: reads with its own SSE parser (so chunk boundaries never matter), normalises, and on a
 * drop reconnects with capped exponential backoff, asking for {@code from_seq} = last + 1 and sending
 * {@code Last-Event-ID}. A stream silent for twice the heartbeat counts as dropped (the read timeout).
 */
final class SseRunStream implements RunStream {
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final OkHttpRunApiClient client;
    private final OkHttpClient http;
    private final String appId;
    private final String runId;
    private final long fromSeq;
    private final RunStreamListener listener;
    private final EventNormalizer normalizer;
    private final long reconnectMillis;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile Call current;

    SseRunStream(OkHttpRunApiClient client, OkHttpClient http, ServerConnection connection, String appId,
            String runId, long fromSeq, RunStreamListener listener) {
        this.client = client;
        this.http = http.newBuilder().readTimeout(connection.heartbeat().multipliedBy(2)).build();
        this.appId = appId;
        this.runId = runId;
        this.fromSeq = Math.max(1, fromSeq);
        this.listener = listener;
        this.normalizer = new EventNormalizer(this::deliver);
        this.reconnectMillis = Math.max(1, connection.reconnectDelay().toMillis());
    }

    @Override
    public long lastSeq() {
        return normalizer.lastSeq();
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        Call call = current;
        if (call != null) {
            call.cancel();
        }
        done.countDown();
    }

    /** The stream's loop, on its own thread. */
    void pump() {
        int attempt = 0;
        try {
            while (!closed && !normalizer.terminated()) {
                long before = normalizer.lastSeq();
                Throwable cause = null;
                try {
                    if (connectOnce()) {
                        return;
                    }
                } catch (ClientException e) {
                    if (!closed) {
                        listener.onError(e);
                    }
                    return;
                } catch (IOException e) {
                    cause = e;
                }
                if (closed || normalizer.terminated()) {
                    return;
                }
                attempt = normalizer.lastSeq() > before ? 1 : attempt + 1;
                listener.onReconnecting(attempt, cause);
                Thread.sleep(Math.min(MAX_BACKOFF_MILLIS, reconnectMillis << Math.min(attempt - 1, 10)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.countDown();
        }
    }

    /**
     * One connection. True when the stream is finished (terminal delivered, or the run is settled with nothing more
     * to send); false to reconnect. Permanent HTTP errors are thrown as {@link ClientException}.
     */
    private boolean connectOnce() throws IOException {
        long next = Math.max(fromSeq, normalizer.lastSeq() + 1);
        Request.Builder request = client.request("/admin/apps/" + appId + "/coding-agent/runs/" + runId + "/stream",
                Map.of("from_seq", next)).header("Accept", "text/event-stream");
        if (normalizer.lastSeq() > 0) {
            request.header("Last-Event-ID", Long.toString(normalizer.lastSeq()));
        }
        Call call = http.newCall(request.get().build());
        current = call;
        if (closed) {
            return true;
        }
        normalizer.newConnection();
        long deliveredBefore = normalizer.lastSeq();
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                ClientException error = ErrorMapper.map(response.code(), response.body().string());
                if (response.code() >= 500) {
                    throw new IOException("The server answered " + response.code(), error);
                }
                throw error;
            }
            SseParser parser = new SseParser(normalizer::frame);
            BufferedSource source = response.body().source();
            byte[] buffer = new byte[8192];
            int n;
            while (!closed && (n = source.read(buffer)) != -1) {
                parser.feed(buffer, 0, n);
                if (normalizer.terminated()) {
                    return true;
                }
            }
            parser.end();
            normalizer.streamEnded();
        }
        if (normalizer.terminated() || closed) {
            return true;
        }
        return normalizer.lastSeq() == deliveredBefore && settledWithoutTerminal();
    }

    /**
     * A clean end with nothing new: the run may be settled and its terminal event already behind us (attached after
     * the end). Then the run itself tells how it ended, delivered as the one terminal event.
     */
    private boolean settledWithoutTerminal() {
        Run run;
        try {
            run = client.getRun(appId, runId);
        } catch (ClientException e) {
            return false;
        }
        RunStatus status;
        try {
            status = RunStatus.fromWire(run.status());
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        if (!status.isSettled()) {
            return false;
        }
        StreamEvent envelope = new StreamEvent("run." + status.wire(), run.runId(), run.publishedAppId(),
                normalizer.lastSeq(), run.completedAt(), "run", Json.toObject(run), List.of());
        deliver(new RunEvent(envelope, EventPayload.RunEnded.of(status, run)));
        return true;
    }

    private void deliver(RunEvent event) {
        if (!closed) {
            listener.onEvent(event);
        }
    }
}
