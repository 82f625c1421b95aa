package dev.builderdesk.server.events;

import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.StreamEvent;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.store.EventRepository.EventRow;
import dev.builderdesk.store.EventRepository.NewEvent;
import dev.builderdesk.store.SqlWork;
import dev.builderdesk.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable, append-only event log of runs, with live wake-ups for stream readers.
 *
 * <p>An append gets the run's next {@code seq} at once and goes to a queue; one committer thread stores everything
 * queued in a single transaction (group commit), and only then makes those events visible to readers. So an event
 * is never seen before it is durable, and many appends share one commit. Work that must not overtake the run's
 * events — a status change, a saved conversation — is appended with the events that announce it: it joins the same
 * queue, commits in their transaction, and its caller waits until it is committed. Readers pull (from an
 * in-memory tail of active runs, else from the database), so a slow reader never slows the writer.
 */
public final class EventLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());
    private static final int MAX_BATCH = 2048;

    private final Store store;
    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean closed;

    public EventLog(Store store) {
        this.store = store;
        this.committer = Thread.ofPlatform().name("event-log-committer").daemon().start(this::commitLoop);
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

    /** Events with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    public List<EventRow> read(String runId, long afterSeq, int limit) {
        Channel ch = channels.get(runId);
        if (ch != null) {
            ch.lock.lock();
            try {
                if (afterSeq + 1 >= ch.tailStart && afterSeq + 1 < ch.tailStart + ch.tail.size()) {
                    int from = (int) (afterSeq + 1 - ch.tailStart);
                    int to = Math.min(ch.tail.size(), from + limit);
                    return new ArrayList<>(ch.tail.subList(from, to));
                }
                if (afterSeq >= ch.visibleSeq) {
                    return List.of();
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
            return ch.visibleSeq;
        } finally {
            ch.lock.unlock();
        }
    }

    /** Waits until the run has a visible event after {@code afterSeq}; false if the timeout passed first. */
    public boolean awaitAfter(String runId, long afterSeq, long timeoutMillis) throws InterruptedException {
        Channel ch = channel(runId);
        ch.lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (ch.visibleSeq <= afterSeq) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = ch.changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            ch.lock.unlock();
        }
    }

    /** Commits what is queued and stops the committer. */
    @Override
    public void close() {
        closed = true;
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
            Pending p = new Pending(ch, List.copyOf(events), ch.assignedSeq, terminal, alsoInTransaction);
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
                batch.forEach(p -> p.done.completeExceptionally(e));
                batch.clear();
            }
        }
    }

    /** One transaction for the batch; if it fails, each item alone, so one bad item cannot sink the others. */
    private void commit(List<Pending> batch) {
        try {
            store.db().write(c -> {
                List<NewEvent> events = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    events.addAll(p.events);
                }
                store.events().appendAll(c, events);
                for (Pending p : batch) {
                    if (p.work != null) {
                        p.work.apply(c);
                    }
                }
                return null;
            });
            batch.forEach(this::publish);
        } catch (RuntimeException batchFailure) {
            for (Pending p : batch) {
                try {
                    store.db().write(c -> {
                        store.events().appendAll(c, p.events);
                        return p.work == null ? null : p.work.apply(c);
                    });
                    publish(p);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "Events of a run up to #" + p.seq + (p.events.isEmpty() ? ""
                            : " of " + p.events.get(0).runId()) + " could not be stored", e);
                    p.done.completeExceptionally(e);
                }
            }
        }
    }

    private void publish(Pending p) {
        if (p.channel != null) {
            Channel ch = p.channel;
            ch.lock.lock();
            try {
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
        }
        p.done.complete(null);
    }

    private Channel channel(String runId) {
        return channels.computeIfAbsent(runId, id -> new Channel(store.db().read(c -> store.events().maxSeq(c, id))));
    }

    /** One queued item: a run's events with optional work in their transaction; {@code seq} is the last event's. */
    private record Pending(Channel channel, List<NewEvent> events, long seq, EventType terminal, SqlWork<?> work,
            CompletableFuture<Void> done) {
        Pending(Channel channel, List<NewEvent> events, long seq, EventType terminal, SqlWork<?> work) {
            this(channel, events, seq, terminal, work, new CompletableFuture<>());
        }
    }

    /**
     * Per-run state: the last seq handed out, the last one committed and visible, the tail of an active run's
     * events, and a condition readers wait on.
     */
    private static final class Channel {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final List<EventRow> tail = new ArrayList<>();
        long assignedSeq;
        long visibleSeq;
        long tailStart;

        Channel(long lastSeq) {
            this.assignedSeq = lastSeq;
            this.visibleSeq = lastSeq;
            this.tailStart = lastSeq + 1;
        }
    }
}
