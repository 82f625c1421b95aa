package dev.builderdesk.server.events;

import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.StreamEvent;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.store.EventRepository.EventRow;
import dev.builderdesk.store.EventRepository.NewEvent;
import dev.builderdesk.store.LeaseRepository.Lease;
import dev.builderdesk.store.SqlWork;
import dev.builderdesk.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The durable, append-only event log of runs, with live wake-ups for stream readers.
 *
 * <p>An append gets the run's next {@code seq} at once and goes to a queue; one committer thread stores everything
 * queued in a single transaction (group commit), and only then makes those events visible to readers. So an event
 * is never seen before it is durable, and many appends share one commit. Work that must not overtake the run's
 * events — a status change, a saved conversation — is appended with the events that announce it: it joins the same
 * queue, commits in their transaction, and its caller waits until it is committed. Readers pull (from an
 * in-memory tail of active runs, else from the database), so a slow reader never slows the writer.
 *
 * <p>Several instances may share one database (ADR 0017). A run is executed where its lease is held: there its
 * appends carry the lease, and the commit refuses those whose lease moved on ({@link LeaseLostException}), so an
 * instance that lost a run can never write to it again. Elsewhere readers read the database, woken by the
 * executing instance's notification after each commit, or by a poll when none comes.
 */
public final class EventLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());
    private static final int MAX_BATCH = 2048;
    /** The notification channel every instance listens on; a payload is a run id with new events. */
    private static final String WAKE_CHANNEL = "run_events";
    /** How often a reader of a run executed elsewhere looks for new events when no notification woke it. */
    public static final Duration POLL = Duration.ofMillis(250);

    private final Store store;
    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private final AutoCloseable wakeUps;
    private final long pollNanos;
    private volatile boolean closed;

    public EventLog(Store store) {
        this(store, POLL);
    }

    /** With another poll interval: a test that must see the notifications work sets a long one. */
    public EventLog(Store store, Duration poll) {
        this.store = store;
        this.pollNanos = poll.toNanos();
        this.committer = Thread.ofPlatform().name("event-log-committer").daemon().start(this::commitLoop);
        this.wakeUps = store.db().listen(WAKE_CHANNEL, this::wake, this::wakeAll);
    }

    /** One event to append: its payload and diagnostics. */
    public record Entry(EventPayload payload, List<Diagnostic> diagnostics) {
        public Entry(EventPayload payload) {
            this(payload, List.of());
        }
    }

    /** Appends an event; it becomes visible once committed. Returns its seq. */
    public long append(String runId, String appId, EventPayload payload, List<Diagnostic> diags) {
        return enqueue(runId, appId, List.of(new Entry(payload, diags)), null, null).seq;
    }

    /**
     * Appends an event and runs {@code alsoInTransaction} in the same transaction, waiting until both are
     * committed: a run's final status and its terminal event become visible together.
     */
    public long append(String runId, String appId, EventPayload payload, List<Diagnostic> diags,
            SqlWork<?> alsoInTransaction) {
        return append(runId, appId, List.of(new Entry(payload, diags)), alsoInTransaction);
    }

    /**
     * Appends several events (consecutive seqs; none is allowed) and runs {@code alsoInTransaction}, all in one
     * transaction after every event appended before, and waits for it: the events become visible together with what
     * the work wrote, or not at all. Returns the last seq.
     */
    public long append(String runId, String appId, List<Entry> entries, SqlWork<?> alsoInTransaction) {
        return appendAt(runId, appId, null, entries, alsoInTransaction);
    }

    /**
     * As {@link #append(String, String, List, SqlWork)}, with the events' {@code ts} given (null: now, taken under
     * the run's lock so that timestamps follow seq): a run's measured time is the span between its own events'
     * timestamps, so a client can check it against the log.
     */
    public long appendAt(String runId, String appId, Instant ts, List<Entry> entries, SqlWork<?> alsoInTransaction) {
        Pending p = enqueue(runId, appId, entries, ts, alsoInTransaction);
        await(p);
        return p.seq;
    }

    /** One event at a given time (see {@link #appendAt(String, String, Instant, List, SqlWork)}). */
    public long appendAt(String runId, String appId, Instant ts, EventPayload payload, List<Diagnostic> diags,
            SqlWork<?> alsoInTransaction) {
        return appendAt(runId, appId, ts, List.of(new Entry(payload, diags)), alsoInTransaction);
    }

    /**
     * This instance executes the run under {@code lease} from now on: its appends carry the lease, its readers are
     * served from memory, and the run's seqs continue from what the database holds (another instance, or this one
     * under an older lease, may have written them). Appends still in flight are let through their commit first, so
     * that a refused one cannot leave a hole behind the seqs handed out next.
     */
    public void own(Lease lease) {
        Channel ch = channel(lease.runId());
        ch.lock.lock();
        try {
            if (lease.equals(ch.lease) && ch.local) {
                return;
            }
            if (ch.lease != null && ch.lease.owner().equals(lease.owner()) && ch.lease.epoch() > lease.epoch()) {
                throw new IllegalStateException("Run " + lease.runId() + " is held here under a newer lease");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ch.inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("Appends of run " + lease.runId() + " did not commit in 10 s");
                }
                ch.changed.awaitNanos(left);
            }
            // Under the run's lock, as its appends must wait for the new seqs anyway; rare (a run's start).
            resync(ch);
            ch.lease = lease;
            ch.local = true;
            ch.changed.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while taking run " + lease.runId() + " over", e);
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * {@code lease} was taken by another instance: readers here read the database, and appends keep carrying the
     * lost lease, so that whatever the stopping worker still writes is refused at the commit.
     */
    public void lost(Lease lease) {
        withChannelOf(lease, ch -> ch.local = false);
    }

    /**
     * The worker that held {@code lease} ended: the run is no longer executed here (readers read the database,
     * appends carry no lease). Nothing happens if the run is held under a newer lease by then.
     */
    public void disown(Lease lease) {
        withChannelOf(lease, ch -> {
            ch.lease = null;
            ch.local = false;
        });
    }

    private void withChannelOf(Lease lease, Consumer<Channel> change) {
        Channel ch = channels.get(lease.runId());
        if (ch == null) {
            return;
        }
        ch.lock.lock();
        try {
            if (lease.equals(ch.lease)) {
                change.accept(ch);
                ch.changed.signalAll();
            }
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * Events with {@code seq > afterSeq}, oldest first, at most {@code limit}: from the tail of a run executed here,
     * else from the database (read outside the run's lock, so a slow read never holds up its commits).
     */
    public List<EventRow> read(String runId, long afterSeq, int limit) {
        Channel ch = channels.get(runId);
        if (ch != null) {
            ch.lock.lock();
            try {
                if (ch.local) {
                    if (afterSeq + 1 >= ch.tailStart && afterSeq + 1 < ch.tailStart + ch.tail.size()) {
                        int from = (int) (afterSeq + 1 - ch.tailStart);
                        int to = Math.min(ch.tail.size(), from + limit);
                        return new ArrayList<>(ch.tail.subList(from, to));
                    }
                    if (afterSeq >= ch.visibleSeq) {
                        return List.of();
                    }
                }
            } finally {
                ch.lock.unlock();
            }
        }
        return readDurable(runId, afterSeq, limit);
    }

    /** Events after {@code afterSeq} straight from the database, bypassing the in-memory tail. */
    public List<EventRow> readDurable(String runId, long afterSeq, int limit) {
        return store.db().read(c -> store.events().after(c, runId, afterSeq, limit));
    }

    /** The run's highest visible (committed) seq, 0 when it has no events. */
    public long lastSeq(String runId) {
        Channel ch = channel(runId);
        ch.lock.lock();
        try {
            if (ch.local) {
                return ch.visibleSeq;
            }
        } finally {
            ch.lock.unlock();
        }
        return durableSeq(runId);
    }

    /**
     * Waits until the run has a visible event after {@code afterSeq}; false if the timeout passed first. A run
     * executed here wakes its readers at each commit; one executed elsewhere is looked up in the database when its
     * instance's notification arrives, and every 250 ms in case none does.
     */
    public boolean awaitAfter(String runId, long afterSeq, long timeoutMillis) throws InterruptedException {
        Channel ch = channel(runId);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        ch.lock.lock();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (ch.local) {
                    if (ch.visibleSeq > afterSeq) {
                        return true;
                    }
                    if (left <= 0) {
                        return false;
                    }
                    ch.changed.awaitNanos(left);
                    continue;
                }
                long wakes = ch.wakes;
                ch.lock.unlock();
                try {
                    if (durableSeq(runId) > afterSeq) {
                        return true;
                    }
                } finally {
                    ch.lock.lock();
                }
                left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (ch.wakes == wakes && !ch.local) {
                    // A wake-up that came while the database was read is not lost: the count moved.
                    ch.changed.awaitNanos(Math.min(left, pollNanos));
                }
            }
        } finally {
            ch.lock.unlock();
        }
    }

    /** Commits what is queued and stops the committer. */
    @Override
    public void close() {
        closed = true;
        try {
            wakeUps.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Stopping the event wake-ups failed", e);
        }
        committer.interrupt();
        try {
            committer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Pending enqueue(String runId, String appId, List<Entry> entries, Instant ts,
            SqlWork<?> alsoInTransaction) {
        if (closed) {
            throw new IllegalStateException("The event log is closed");
        }
        Channel ch = channel(runId);
        ch.lock.lock();
        try {
            if (ch.lease == null && store.db().shared()) {
                // Not executed here: another instance may have appended since this channel last looked.
                resync(ch);
            }
            List<NewEvent> events = new ArrayList<>(entries.size());
            EventType terminal = null;
            for (Entry entry : entries) {
                EventType type = entry.payload().type();
                long seq = ch.assignedSeq + 1;
                ch.assignedSeq = seq;
                Instant at = ts == null ? Timestamps.now() : ts;
                StreamEvent event = new StreamEvent(type.wire(), runId, appId, seq, at, type.stage(),
                        Json.toObject(entry.payload()), List.copyOf(entry.diagnostics()));
                events.add(new NewEvent(runId, seq, type.wire(), Json.write(event)));
                terminal = type.isTerminal() ? type : terminal;
            }
            Pending p = new Pending(ch, ch.lease, List.copyOf(events), ch.assignedSeq, terminal, alsoInTransaction);
            ch.inFlight++;
            // Enqueued under the run's lock, so the queue holds each run's events in seq order.
            queue.add(p);
            return p;
        } finally {
            ch.lock.unlock();
        }
    }

    private static void await(Pending p) {
        try {
            p.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                if (batch.isEmpty()) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    Pending first = closed ? queue.poll() : queue.take();
                    if (first == null) {
                        return;
                    }
                    batch.add(first);
                }
                queue.drainTo(batch, MAX_BATCH - batch.size());
                commit(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (!closed) {
                    Thread.currentThread().interrupt();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Event log committer failed", e);
                batch.forEach(p -> fail(p, e));
                batch.clear();
            }
        }
    }

    /**
     * One transaction for the batch; if it fails, each item alone, so one bad item cannot sink the others. Items
     * whose lease moved on are refused inside the transaction (their events and work are not stored); the others
     * commit. Other instances are told after the commit, never inside it.
     */
    private void commit(List<Pending> batch) {
        Set<Pending> refused = identitySet();
        List<Pending> stored = new ArrayList<>(batch.size());
        try {
            store.db().write(c -> storeAll(c, batch, refused));
            settle(batch, refused, stored);
        } catch (RuntimeException batchFailure) {
            for (Pending p : batch) {
                try {
                    Set<Pending> alone = identitySet();
                    store.db().write(c -> storeAll(c, List.of(p), alone));
                    settle(List.of(p), alone, stored);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "Events of run " + p.runId() + " up to #" + p.seq
                            + " could not be stored", e);
                    fail(p, e);
                }
            }
        }
        announce(stored);
    }

    /** In the caller's transaction: the events and work of the items whose lease holds; the others go to refused. */
    private Void storeAll(Connection c, List<Pending> items, Set<Pending> refused) throws SQLException {
        refused.clear();
        List<Pending> accepted = fenced(c, items, refused);
        List<NewEvent> events = new ArrayList<>(accepted.size());
        for (Pending p : accepted) {
            events.addAll(p.events);
        }
        store.events().appendAll(c, events);
        for (Pending p : accepted) {
            if (p.work != null) {
                p.work.apply(c);
            }
        }
        return null;
    }

    /** After the commit: the refused items fail with a lost lease, the others become visible. */
    private void settle(List<Pending> items, Set<Pending> refused, List<Pending> stored) {
        for (Pending p : items) {
            if (refused.contains(p)) {
                fail(p, new LeaseLostException(p.runId()));
            } else {
                publish(p);
                stored.add(p);
            }
        }
    }

    /** The items that may commit: unleased ones, and those whose lease is still current; the rest go to refused. */
    private List<Pending> fenced(Connection c, List<Pending> items, Set<Pending> refused)
            throws SQLException {
        List<Lease> leases = items.stream().map(Pending::lease).filter(Objects::nonNull).distinct().toList();
        Set<Lease> current = Set.copyOf(store.leases().current(c, leases));
        List<Pending> accepted = new ArrayList<>(items.size());
        for (Pending p : items) {
            if (p.lease == null || current.contains(p.lease)) {
                accepted.add(p);
            } else {
                refused.add(p);
            }
        }
        return accepted;
    }

    /** Wakes the readers other instances have of the runs just committed: one notification per run per batch. */
    private void announce(List<Pending> stored) {
        if (stored.isEmpty() || !store.db().shared()) {
            return;
        }
        Set<String> runs = new LinkedHashSet<>();
        for (Pending p : stored) {
            runs.add(p.runId());
        }
        try {
            store.db().notify(WAKE_CHANNEL, runs);
        } catch (RuntimeException e) {
            // Readers elsewhere still find the events by polling, a little later.
            LOG.log(System.Logger.Level.WARNING, "Could not notify other instances of new events", e);
        }
    }

    private void publish(Pending p) {
        Channel ch = p.channel;
        ch.lock.lock();
        try {
            ch.inFlight--;
            ch.visibleSeq = Math.max(ch.visibleSeq, p.seq);
            if (p.terminal != null) {
                ch.tail.clear();
                ch.tailStart = p.seq + 1;
            } else {
                for (NewEvent e : p.events) {
                    if (ch.tailStart + ch.tail.size() == e.seq()) {
                        ch.tail.add(new EventRow(e.seq(), e.event(), e.body()));
                    }
                }
            }
            ch.changed.signalAll();
        } finally {
            ch.lock.unlock();
        }
        p.done.complete(null);
    }

    private static void fail(Pending p, RuntimeException why) {
        if (p.done.isDone()) {
            return;
        }
        Channel ch = p.channel;
        ch.lock.lock();
        try {
            ch.inFlight--;
            ch.changed.signalAll();
        } finally {
            ch.lock.unlock();
        }
        p.done.completeExceptionally(why);
    }

    /** A notification from another instance: the run has new events in the database. */
    private void wake(String runId) {
        Channel ch = channels.get(runId);
        if (ch != null) {
            signal(ch);
        }
    }

    /** After a reconnection, when notifications may have been missed: every reader looks again. */
    private void wakeAll() {
        channels.values().forEach(EventLog::signal);
    }

    private static void signal(Channel ch) {
        ch.lock.lock();
        try {
            ch.wakes++;
            ch.changed.signalAll();
        } finally {
            ch.lock.unlock();
        }
    }

    /**
     * Under the run's lock: catches its seqs up with the database, where another instance may have written. With
     * nothing in flight here the database is the whole truth (seqs handed to refused appends were never stored).
     */
    private void resync(Channel ch) {
        long stored = durableSeq(ch.runId);
        if (ch.inFlight == 0) {
            ch.reset(stored);
        } else {
            ch.assignedSeq = Math.max(ch.assignedSeq, stored);
        }
    }

    private long durableSeq(String runId) {
        return store.db().read(c -> store.events().maxSeq(c, runId));
    }

    private static Set<Pending> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private Channel channel(String runId) {
        return channels.computeIfAbsent(runId, id -> new Channel(id, durableSeq(id)));
    }

    /**
     * One queued item: a run's events with optional work in their transaction, and the lease they were appended
     * under (null: not executed here); {@code seq} is the last event's.
     */
    private record Pending(Channel channel, Lease lease, List<NewEvent> events, long seq, EventType terminal,
            SqlWork<?> work, CompletableFuture<Void> done) {
        Pending(Channel channel, Lease lease, List<NewEvent> events, long seq, EventType terminal, SqlWork<?> work) {
            this(channel, lease, events, seq, terminal, work, new CompletableFuture<>());
        }

        String runId() {
            return channel.runId;
        }
    }

    /**
     * Per-run state: the last seq handed out, the last one committed and visible, the tail of an active run's
     * events, and a condition readers wait on; the lease its appends carry (null: none), whether it is executed
     * here (its readers served from memory), the appends not yet committed, and a count of other instances'
     * wake-ups.
     */
    private static final class Channel {
        final String runId;
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final List<EventRow> tail = new ArrayList<>();
        long assignedSeq;
        long visibleSeq;
        long tailStart;
        Lease lease;
        boolean local;
        int inFlight;
        long wakes;

        Channel(String runId, long lastSeq) {
            this.runId = runId;
            reset(lastSeq);
        }

        /** Everything up to {@code lastSeq} stored and visible, nothing in the tail. */
        void reset(long lastSeq) {
            assignedSeq = lastSeq;
            visibleSeq = lastSeq;
            tail.clear();
            tailStart = lastSeq + 1;
        }
    }
}
