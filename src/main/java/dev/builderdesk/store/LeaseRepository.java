package dev.builderdesk.store;

import dev.builderdesk.protocol.RunStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Run leases (ADR 0017): which server instance executes a run, until when, under which fencing epoch. Times are the
 * database's clock, so instances whose clocks disagree still agree on when a lease expired.
 */
public final class LeaseRepository {
    /** A lease held: the run, its holder and the epoch of the holder's claim. */
    public record Lease(String runId, String owner, long epoch) {
    }

    /** A queued or running run nobody holds a live lease on, and whether it was running. */
    public record Unowned(String runId, boolean running) {
    }

    /**
     * Claims the run's lease for {@code owner} for {@code millis}: granted when there is none, it expired, it is
     * {@code owner}'s already or it was released; {@code force} takes it from anyone (a database no other process can
     * open). Each claim increments the epoch. Empty when another instance holds it.
     */
    public OptionalLong claim(Connection c, String runId, String owner, long millis, boolean force)
            throws SQLException {
        String now = now(c);
        String sql = "INSERT INTO run_leases (run_id, owner, epoch, expires_at) VALUES (?, ?, 1, " + now + " + ?)"
                + " ON CONFLICT (run_id) DO UPDATE SET owner = excluded.owner, epoch = run_leases.epoch + 1,"
                + " expires_at = excluded.expires_at"
                + (force ? "" : " WHERE run_leases.expires_at < " + now + " OR run_leases.owner = excluded.owner")
                + " RETURNING epoch";
        return Sql.queryOne(c, sql, rs -> rs.getLong(1), runId, owner, millis)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * Extends by {@code millis} from now the leases {@code owner} holds of {@code runIds}; returns the leases it
     * still holds of them (a run missing from the answer was taken over).
     */
    public List<Lease> renew(Connection c, String owner, long millis, Collection<String> runIds)
            throws SQLException {
        if (runIds.isEmpty()) {
            return List.of();
        }
        String in = Sql.placeholders(runIds.size());
        List<Object> params = new ArrayList<>(List.of(millis, owner));
        params.addAll(runIds);
        if (Sql.isPostgres(c)) {
            // Row locks in run id order, as the commits' share locks are taken: no deadlock between the two.
            Sql.query(c, "SELECT run_id FROM run_leases WHERE owner = ? AND run_id IN (" + in + ") ORDER BY run_id"
                    + " FOR UPDATE", rs -> rs.getString(1), params.subList(1, params.size()).toArray());
        }
        return Sql.query(c, "UPDATE run_leases SET expires_at = " + now(c) + " + ? WHERE owner = ? AND run_id IN ("
                + in + ") RETURNING run_id, owner, epoch", LeaseRepository::map, params.toArray());
    }

    /** Gives the lease up if it is still the one claimed; the epoch stays, so the next claim gets a higher one. */
    public void release(Connection c, Lease lease) throws SQLException {
        Sql.update(c, "UPDATE run_leases SET owner = '', expires_at = 0 WHERE run_id = ? AND owner = ? AND epoch = ?",
                lease.runId(), lease.owner(), lease.epoch());
    }

    /**
     * Which of {@code leases} are still current, checked inside the caller's transaction. On PostgreSQL the rows
     * are share-locked until it ends, so a takeover's claim waits for this commit: a claim and a commit of the old
     * holder are ordered, never interleaved.
     */
    public List<Lease> current(Connection c, Collection<Lease> leases) throws SQLException {
        if (leases.isEmpty()) {
            return List.of();
        }
        Map<String, Lease> stored = new HashMap<>();
        List<String> ids = leases.stream().map(Lease::runId).distinct().toList();
        String sql = "SELECT run_id, owner, epoch FROM run_leases WHERE run_id IN ("
                + Sql.placeholders(ids.size()) + ")"
                + (Sql.isPostgres(c) ? " ORDER BY run_id FOR SHARE" : "");
        for (Lease l : Sql.query(c, sql, LeaseRepository::map, ids.toArray())) {
            stored.put(l.runId(), l);
        }
        List<Lease> current = new ArrayList<>();
        for (Lease l : leases) {
            if (l.equals(stored.get(l.runId()))) {
                current.add(l);
            }
        }
        return current;
    }

    /**
     * Queued and running runs whose lease is missing or expired: the ones a live instance should take over; with
     * {@code evenLive}, all of them (a database no other process can open, at start).
     */
    public List<Unowned> unowned(Connection c, boolean evenLive) throws SQLException {
        return Sql.query(c, "SELECT r.id, r.status FROM runs r LEFT JOIN run_leases l ON l.run_id = r.id"
                + " WHERE r.status IN ('" + RunStatus.QUEUED.wire() + "', '" + RunStatus.RUNNING.wire() + "')"
                + (evenLive ? "" : " AND (l.run_id IS NULL OR l.expires_at < " + now(c) + ")")
                + " ORDER BY r.created_at", rs -> new Unowned(rs.getString(1),
                RunStatus.RUNNING.wire().equals(rs.getString(2))));
    }

    /**
     * Whether the run is queued or running, read in the caller's transaction after its claim: a takeover checks it
     * where it claims, since a run seen unowned a moment ago may have been paused and released since. (After the
     * claim, whose row lock orders it with the old holder's commits; a lock on the run first would take the two
     * tables in the opposite order to those commits.)
     */
    public boolean unsettled(Connection c, String runId) throws SQLException {
        return Sql.queryOne(c, "SELECT status FROM runs WHERE id = ?",
                rs -> rs.getString(1), runId).map(s -> s.equals(RunStatus.QUEUED.wire())
                || s.equals(RunStatus.RUNNING.wire())).orElse(false);
    }

    /** Runs {@code owner} executes that a cancel was asked for on another instance. */
    public List<String> cancelRequested(Connection c, String owner) throws SQLException {
        return Sql.query(c, "SELECT l.run_id FROM run_leases l JOIN runs r ON r.id = l.run_id"
                + " WHERE l.owner = ? AND r.cancel_requested", rs -> rs.getString(1), owner);
    }

    /** Asks the instance executing the run to cancel it. */
    public void requestCancel(Connection c, String runId) throws SQLException {
        Sql.update(c, "UPDATE runs SET cancel_requested = TRUE WHERE id = ?", runId);
    }

    /** Forgets an earlier cancel request (the run is resumed: a request it outlived must not stop it now). */
    public void clearCancel(Connection c, String runId) throws SQLException {
        Sql.update(c, "UPDATE runs SET cancel_requested = FALSE WHERE id = ?", runId);
    }

    /** The database's clock in epoch milliseconds, as an SQL expression. */
    private static String now(Connection c) throws SQLException {
        return Sql.isPostgres(c) ? "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
                : "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }

    private static Lease map(java.sql.ResultSet rs) throws SQLException {
        return new Lease(rs.getString("run_id"), rs.getString("owner"), rs.getLong("epoch"));
    }
}
