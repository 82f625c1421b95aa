package dev.builderdesk.server.events;

import dev.builderdesk.protocol.Diagnostic;
import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.protocol.EventType;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.StreamEvent;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.store.EventRepository.EventRow;
import dev.builderdesk.store.SqlWork;
import dev.builderdesk.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The durable, append-only event log of runs, with live wake-ups for stream readers. An event gets the run's next
 * {@code seq} and is committed to the database <em>before</em> any reader can see it; readers pull (from an
 * in-memory tail of active runs, else from the database), so a slow reader never slows the writer.
 */
public final class EventLog {
    private final Store store;
    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();

    public EventLog(Store store) {
        this.store = store;
    }

    /** Appends an event; returns its seq. */
    public long append(String runId, String appId, EventType type, EventPayload payload, List<Diagnostic> diags) {
        return append(runId, appId, type, payload, diags, c -> null);
    }

    /**
     * Appends an event and runs {@code alsoInTransaction} in the same database transaction, so that for example a
     * run's final status and its terminal event become visible together.
     */
    public long append(String runId, String appId, EventType type, EventPayload payload, List<Diagnostic> diags,
            SqlWork<?> alsoInTransaction) {
        Channel ch = channel(runId);
        ch.lock.lock();
        try {
            long seq = ch.lastSeq + 1;
            StreamEvent event = new StreamEvent(type.wire(), runId, appId, seq, Timestamps.now(), type.stage(),
                    Json.toObject(payload), List.copyOf(diags));
            String body = Json.write(event);
            store.db().write(c -> {
                store.events().append(c, runId, seq, type.wire(), body);
                return alsoInTransaction.apply(c);
            });
            ch.lastSeq = seq;
            if (type.isTerminal()) {
                ch.tail.clear();
                ch.tailStart = seq + 1;
            } else {
                ch.tail.add(new EventRow(seq, type.wire(), body));
            }
            ch.changed.signalAll();
            return seq;
        } finally {
            ch.lock.unlock();
        }
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
                if (afterSeq >= ch.lastSeq) {
                    return List.of();
                }
            } finally {
                ch.lock.unlock();
            }
        }
        return store.db().read(c -> store.events().after(c, runId, afterSeq, limit));
    }

    /** Events after {@code afterSeq} straight from the database, bypassing the in-memory tail. */
    public List<EventRow> readDurable(String runId, long afterSeq, int limit) {
        return store.db().read(c -> store.events().after(c, runId, afterSeq, limit));
    }

    /** The run's highest seq so far (0 when it has no events). */
    public long lastSeq(String runId) {
        Channel ch = channel(runId);
        ch.lock.lock();
        try {
            return ch.lastSeq;
        } finally {
            ch.lock.unlock();
        }
    }

    /** Waits until the run has an event after {@code afterSeq}; false if the timeout passed first. */
    public boolean awaitAfter(String runId, long afterSeq, long timeoutMillis) throws InterruptedException {
        Channel ch = channel(runId);
        ch.lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (ch.lastSeq <= afterSeq) {
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

    private Channel channel(String runId) {
        return channels.computeIfAbsent(runId, id -> {
            long last = store.db().read(c -> store.events().maxSeq(c, id));
            return new Channel(last);
        });
    }

    /** Per-run state: last seq, the tail of an active run's events, and a condition readers wait on. */
    private static final class Channel {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final List<EventRow> tail = new ArrayList<>();
        long lastSeq;
        long tailStart;

        Channel(long lastSeq) {
            this.lastSeq = lastSeq;
            this.tailStart = lastSeq + 1;
        }
    }
}
