package dev.builderdesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The persisted conversation state of a run after its last completed step, for resume and crash recovery. */
public final class RunStateRepository {
    public void save(Connection c, String runId, String stateJson, Instant now) throws SQLException {
        int updated = Sql.update(c, "UPDATE run_states SET state_json = ?, updated_at = ? WHERE run_id = ?",
                stateJson, Micros.of(now), runId);
        if (updated == 0) {
            Sql.update(c, "INSERT INTO run_states (run_id, state_json, updated_at) VALUES (?, ?, ?)", runId,
                    stateJson, Micros.of(now));
        }
    }

    public Optional<String> load(Connection c, String runId) throws SQLException {
        return Sql.queryOne(c, "SELECT state_json FROM run_states WHERE run_id = ?", rs -> rs.getString(1), runId);
    }
}
