package dev.builderdesk.server.runs;

import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.server.events.LeaseLostException;
import dev.builderdesk.store.LeaseRepository.Lease;
import dev.builderdesk.store.LeaseRepository.Unowned;
import dev.builderdesk.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Executes runs in the background, one virtual thread each, independent of any open stream. A run is executed only
 * under its lease (ADR 0017): this class claims it, renews it by heartbeat, stops the worker of a run another
 * instance took over, and takes over the runs whose executor died. Knows which runs are executing so they can be
 * cancelled, and pauses them all on a graceful stop.
 */
public final class RunSupervisor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunSupervisor.class.getName());

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-", 0).factory());
    private final ConcurrentHashMap<String, RunHandle> active = new ConcurrentHashMap<>();
    /** Leases claimed with a run's creation or resumption, until its worker starts. */
    private final ConcurrentHashMap<String, Claim> claimed = new ConcurrentHashMap<>();
    /**
     * Runs this instance is starting, executing or working on while idle ({@link #whileIdle}): taken atomically
     * before any claim, so one instance never holds a run twice (a second claim of its own would fence the first).
     */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    /** Runs whose worker crashed here: not taken again by this instance, so a crash cannot loop. */
    private final Set<String> crashed = ConcurrentHashMap.newKeySet();
    private final Store store;
    private final EventLog log;
    private final RunLeases leases;
    private RunWorker worker;
    private Thread keeper;
    private volatile boolean closing;

    RunSupervisor(Store store, EventLog log, RunLeases leases) {
        this.store = store;
        this.log = log;
        this.leases = leases;
    }

    void attach(RunWorker runWorker) {
        this.worker = runWorker;
    }

    /**
     * Claims a run in the caller's transaction, the one that queues it (creation, resumption), so no other
     * instance can take it between its commit and {@link #submit}. False when another instance holds it.
     */
    boolean claim(Connection c, String runId) throws SQLException {
        Optional<Lease> lease = leases.claim(c, runId, false);
        lease.ifPresent(l -> claimed.put(runId, new Claim(l, System.nanoTime())));
        return lease.isPresent();
    }

    /**
     * Once the transaction that claimed the run committed: its appends from now on carry the claimed lease (the
     * run's first event included), so none of them can land after another instance took the run.
     */
    void ownClaimed(String runId) {
        Claim claim = claimed.get(runId);
        if (claim != null) {
            log.own(claim.lease());
        }
    }

    /**
     * Starts executing a run under the lease claimed with it, or one claimed now; {@code resume} continues from its
     * saved conversation state. False when another instance executes it.
     */
    boolean submit(String runId, boolean resume) {
        if (!reserve(runId)) {
            return false;
        }
        Claim claim = claimed.remove(runId);
        Lease lease = claim != null ? claim.lease() : leases.claim(runId, false).orElse(null);
        if (lease == null) {
            busy.remove(runId);
            return false;
        }
        return start(lease, resume);
    }

    /**
     * Reserves a run to start it: a cancel's idle work on it gives way within moments (it sees the claim and
     * steps back), a run already executing here is not started twice.
     */
    private boolean reserve(String runId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!busy.add(runId)) {
            if (active.containsKey(runId) || System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Starts the worker of a run reserved in {@link #busy}; the reservation ends with the worker. */
    private boolean start(Lease lease, boolean resume) {
        String runId = lease.runId();
        try {
            log.own(lease);
        } catch (RuntimeException e) {
            // Not started: the lease goes back, so that this or another instance takes the run at the next sweep.
            LOG.log(System.Logger.Level.WARNING, "Run " + runId + " could not be started here", e);
            release(lease);
            busy.remove(runId);
            return false;
        }
        RunHandle handle = new RunHandle(lease);
        active.put(runId, handle);
        executor.execute(() -> {
            try {
                worker.execute(handle, resume);
            } catch (LeaseLostException lost) {
                LOG.log(System.Logger.Level.INFO, "Run " + runId + " was taken over by another instance;"
                        + " stopped here, its last write refused");
            } catch (RuntimeException | Error e) {
                crashed.add(runId);
                LOG.log(System.Logger.Level.ERROR, "Run " + runId + " worker crashed", e);
            } finally {
                active.remove(runId, handle);
                log.disown(lease);
                release(lease);
                busy.remove(runId);
                handle.done.complete(null);
            }
        });
        return true;
    }

    private void release(Lease lease) {
        try {
            leases.release(lease);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not release the lease of run " + lease.runId()
                    + "; it expires by itself", e);
        }
    }

    Optional<RunHandle> handle(String runId) {
        return Optional.ofNullable(active.get(runId));
    }

    /**
     * Runs {@code work} under the lease of a run nobody executes (paused, or queued with its executor gone), so
     * what it appends is fenced like a worker's; empty when some instance executes the run.
     */
    <T> Optional<T> whileIdle(String runId, Supplier<T> work) {
        if (!busy.add(runId)) {
            return Optional.empty();
        }
        try {
            if (claimed.containsKey(runId)) {
                // Created or resumed here a moment ago, about to start: the cancel waits for its worker.
                return Optional.empty();
            }
            Optional<Lease> lease = leases.claim(runId, false);
            if (lease.isEmpty()) {
                return Optional.empty();
            }
            try {
                log.own(lease.get());
                return Optional.of(work.get());
            } finally {
                log.disown(lease.get());
                release(lease.get());
            }
        } finally {
            busy.remove(runId);
        }
    }

    /** Asks the instance executing the run to cancel it; its heartbeat acts on it. */
    void requestCancel(String runId) {
        leases.requestCancel(runId);
    }

    /**
     * Takes over the queued and running runs nobody executes, continuing from their saved conversation state when
     * they have one; with {@code evenLive} (at start, on a database no other process opens) every one of them.
     * Returns how many it started.
     */
    int adopt(boolean evenLive) {
        int started = 0;
        for (Unowned run : leases.unowned(evenLive)) {
            String id = run.runId();
            if (crashed.contains(id) || !busy.add(id)) {
                continue;
            }
            // A run created or resumed here a moment ago is its request's to start.
            Optional<Lease> lease = claimed.containsKey(id) ? Optional.empty()
                    : leases.claimUnsettled(id, evenLive);
            if (lease.isPresent()) {
                boolean hasState = store.db().read(c -> store.runStates().load(c, id)).isPresent();
                started += start(lease.get(), hasState || run.running()) ? 1 : 0;
            } else {
                busy.remove(id);
            }
        }
        return started;
    }

    /** At start: takes over what a previous process left, without waiting for its leases if it could not share. */
    int recover() {
        return adopt(leases.exclusive());
    }

    /** Starts the heartbeat: leases renewed, cancels from other instances acted on, orphaned runs taken over. */
    void keepLeases() {
        keeper = Thread.ofPlatform().name("run-leases").daemon().start(this::keep);
    }

    private void keep() {
        long nextRenewal = 0;
        while (!closing) {
            try {
                if (System.nanoTime() - nextRenewal >= 0) {
                    renew();
                    actOnCancelRequests();
                    nextRenewal = System.nanoTime() + leases.renewEvery().toNanos();
                }
                int adopted = adopt(false);
                if (adopted > 0) {
                    LOG.log(System.Logger.Level.INFO, "Took over " + adopted + " run(s) nobody executed");
                }
                Thread.sleep(leases.sweepEvery());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database is away: the leases expire unless it comes back in time, and commits are fenced.
                LOG.log(System.Logger.Level.WARNING, "Keeping run leases failed; retrying: " + e.getMessage());
                try {
                    Thread.sleep(leases.sweepEvery());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * Renews every lease held; a run whose lease another instance took is stopped here, and what its worker still
     * appends is refused. Only the leases sent are judged: a run started during the round trip is not among them.
     * A claim whose run never started (its request failed after the commit) is let go after two leases.
     */
    private void renew() {
        long stale = System.nanoTime() - 2 * leases.lease().toNanos();
        for (Claim claim : List.copyOf(claimed.values())) {
            if (claim.at() - stale < 0 && claimed.remove(claim.lease().runId(), claim)) {
                log.disown(claim.lease());
                release(claim.lease());
            }
        }
        List<Claim> claims = List.copyOf(claimed.values());
        List<RunHandle> running = List.copyOf(active.values());
        List<Lease> held = new ArrayList<>(claims.stream().map(Claim::lease).toList());
        running.forEach(h -> held.add(h.lease));
        Set<Lease> still = Set.copyOf(leases.renew(held));
        for (RunHandle h : running) {
            if (!still.contains(h.lease)) {
                LOG.log(System.Logger.Level.WARNING, "Run " + h.runId + " was taken over by another instance"
                        + " (this one missed its lease); stopping it here");
                log.lost(h.lease);
                h.stop(RunHandle.StopReason.LEASE_LOST);
            }
        }
        for (Claim claim : claims) {
            if (!still.contains(claim.lease()) && claimed.remove(claim.lease().runId(), claim)) {
                log.disown(claim.lease());
            }
        }
    }

    private void actOnCancelRequests() {
        for (String runId : leases.cancelRequested()) {
            handle(runId).ifPresent(h -> h.stop(RunHandle.StopReason.CANCEL));
        }
    }

    /** Pauses every executing run and waits for them to settle, at most {@code grace}. */
    public void pauseAll(Duration grace) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (RunHandle h : active.values()) {
            h.stop(RunHandle.StopReason.PAUSE);
            pending.add(h.done);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Some runs did not pause within " + grace);
        }
    }

    /** A lease claimed with a run's creation or resumption, and when. */
    private record Claim(Lease lease, long at) {
    }

    @Override
    public void close() {
        closing = true;
        if (keeper != null) {
            keeper.interrupt();
        }
        executor.shutdownNow();
    }
}
