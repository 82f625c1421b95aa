package dev.builderdesk.server.runs;

import dev.builderdesk.providers.Cancellation;
import dev.builderdesk.store.LeaseRepository.Lease;
import java.util.concurrent.CompletableFuture;

/**
 * A run being executed: the lease it is executed under, its cancel signal, why it was stopped, and a future that
 * completes when the worker ends.
 */
final class RunHandle {
    /** Why a running run was stopped: a cancel, a graceful stop, or another instance took it over. */
    enum StopReason { CANCEL, PAUSE, LEASE_LOST }

    final String runId;
    final Lease lease;
    final Cancellation cancellation = new Cancellation();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile StopReason reason;

    RunHandle(Lease lease) {
        this.runId = lease.runId();
        this.lease = lease;
    }

    /** The first reason counts, except a lost lease: then nothing more may be written, whatever else was asked. */
    void stop(StopReason why) {
        if (reason == null || why == StopReason.LEASE_LOST) {
            reason = why;
        }
        cancellation.cancel();
    }

    StopReason reason() {
        return reason;
    }
}
