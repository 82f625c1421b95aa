package dev.builderdesk.store;

import dev.builderdesk.protocol.Checkpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Checkpoints: the revisions runs produced, restorable as the draft. */
public final class CheckpointRepository {
    private static final String COLUMNS = "id, run_id, app_id, revision_id, created_at";

    public void insert(Connection c, Checkpoint cp) throws SQLException {
        Sql.update(c, "INSERT INTO checkpoints (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", cp.checkpointId(),
                cp.runId(), cp.appId(), cp.revisionId(), Micros.of(cp.createdAt()));
    }

    public List<Checkpoint> list(Connection c, String appId, int limit) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM checkpoints WHERE app_id = ?"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", CheckpointRepository::map, appId, limit);
    }

    public Optional<Checkpoint> find(Connection c, String appId, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM checkpoints WHERE app_id = ? AND id = ?",
                CheckpointRepository::map, appId, id);
    }

    /** The checkpoint a run made, if it made one (a run makes at most one). */
    public Optional<Checkpoint> findByRun(Connection c, String runId) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM checkpoints WHERE run_id = ? ORDER BY created_at LIMIT 1",
                CheckpointRepository::map, runId);
    }

    private static Checkpoint map(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getString("id"), rs.getString("run_id"), rs.getString("app_id"),
                rs.getString("revision_id"), Micros.toInstant(rs.getLong("created_at")));
    }
}
