package dev.builderdesk.ui.timeline;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.RunEvent;
import dev.builderdesk.client.RunStream;
import dev.builderdesk.client.RunStreamListener;
import dev.builderdesk.ui.fx.PulseBatcher;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One followed run: its stream, batched per UI pulse, delivered to the shown thread. Closing it detaches the
 * window from the run (the run goes on on the server) and guarantees that no later batch, reconnect notice or
 * error reaches the UI — a run of one thread can never write into another.
 */
final class RunFeed implements AutoCloseable {
    /** What a feed tells the thread that owns it; every call is on the UI executor. */
    interface Listener {
        void events(RunFeed feed, List<RunEvent> batch);

        void reconnecting(RunFeed feed, int attempt);

        void failed(RunFeed feed, ClientException error);
    }

    private final String appId;
    private final String runId;
    private final Executor ui;
    private final RunStream stream;
    private volatile boolean closed;

    RunFeed(RunApiClient client, Executor ui, String appId, String runId, long fromSeq, Listener listener) {
        this.appId = appId;
        this.runId = runId;
        this.ui = ui;
        PulseBatcher<RunEvent> batcher = new PulseBatcher<>(ui, whenOpen(batch -> listener.events(this, batch)));
        this.stream = client.stream(appId, runId, fromSeq, new RunStreamListener() {
            @Override
            public void onEvent(RunEvent event) {
                if (!closed) {
                    batcher.offer(event);
                }
            }

            @Override
            public void onReconnecting(int attempt, Throwable cause) {
                onUi(() -> listener.reconnecting(RunFeed.this, attempt));
            }

            @Override
            public void onError(ClientException error) {
                onUi(() -> listener.failed(RunFeed.this, error));
            }
        });
    }

    String appId() {
        return appId;
    }

    String runId() {
        return runId;
    }

    private <T> Consumer<T> whenOpen(Consumer<T> action) {
        return value -> {
            if (!closed) {
                action.accept(value);
            }
        };
    }

    private void onUi(Runnable action) {
        ui.execute(() -> {
            if (!closed) {
                action.run();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        stream.close();
    }
}
