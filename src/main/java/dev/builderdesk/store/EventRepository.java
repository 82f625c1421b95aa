package dev.builderdesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The append-only, durable event log of every run. */
public final class EventRepository {
    /** One stored event: its sequence number, type and the serialised envelope. */
    public record EventRow(long seq, String event, String body) {
    }

    public void append(Connection c, String runId, long seq, String event, String body) throws SQLException {
        Sql.update(c, "INSERT INTO run_events (run_id, seq, event, body) VALUES (?, ?, ?, ?)", runId, seq, event,
                body);
    }

    /** Appends many events with one prepared statement (the caller owns the transaction). */
    public void appendAll(Connection c, List<NewEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO run_events (run_id, seq, event, body) VALUES (?, ?, ?, ?)")) {
            for (NewEvent e : events) {
                ps.setString(1, e.runId());
                ps.setLong(2, e.seq());
                ps.setString(3, e.event());
                ps.setString(4, e.body());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** An event to store. */
    public record NewEvent(String runId, long seq, String event, String body) {
    }

    /** Events with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    public List<EventRow> after(Connection c, String runId, long afterSeq, int limit) throws SQLException {
        return Sql.query(c, "SELECT seq, event, body FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq"
                + " LIMIT ?", rs -> new EventRow(rs.getLong(1), rs.getString(2), rs.getString(3)), runId, afterSeq,
                limit);
    }

    public long maxSeq(Connection c, String runId) throws SQLException {
        return Sql.count(c, "SELECT COALESCE(MAX(seq), 0) FROM run_events WHERE run_id = ?", runId);
    }
}
