package dev.builderdesk.server.runs;

import dev.builderdesk.providers.Cancellation;
import java.util.concurrent.CompletableFuture;

/** A run being executed: its cancel signal, why it was stopped, and a future that completes when the worker ends. */
final class RunHandle {
    /** Why a running run was stopped. */
    enum StopReason { CANCEL, PAUSE }

    final String runId;
    final Cancellation cancellation = new Cancellation();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile StopReason reason;

    RunHandle(String runId) {
        this.runId = runId;
    }

    void stop(StopReason why) {
        if (reason == null) {
            reason = why;
        }
        cancellation.cancel();
    }

    StopReason reason() {
        return reason;
    }
}
