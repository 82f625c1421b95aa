package dev.builderdesk.store;

import dev.builderdesk.protocol.Verdict;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Comparisons: groups of runs that answered one prompt, and their verdicts. */
public final class CompareGroupRepository {
    /** A stored comparison without its runs. */
    public record GroupRow(String id, String input, Instant createdAt, Verdict verdict) {
    }

    public void insertIfAbsent(Connection c, String appId, String id, String input, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO compare_groups (app_id, id, input, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", appId, id, input, Micros.of(now));
    }

    public Optional<GroupRow> find(Connection c, String appId, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT id, input, created_at, verdict_json FROM compare_groups"
                + " WHERE app_id = ? AND id = ?", CompareGroupRepository::map, appId, id);
    }

    public List<GroupRow> list(Connection c, String appId, int limit) throws SQLException {
        return Sql.query(c, "SELECT id, input, created_at, verdict_json FROM compare_groups WHERE app_id = ?"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", CompareGroupRepository::map, appId, limit);
    }

    public void setVerdict(Connection c, String appId, String id, Verdict verdict) throws SQLException {
        Sql.update(c, "UPDATE compare_groups SET verdict_json = ? WHERE app_id = ? AND id = ?",
                StoredJson.write(verdict), appId, id);
    }

    private static GroupRow map(ResultSet rs) throws SQLException {
        String verdict = rs.getString("verdict_json");
        return new GroupRow(rs.getString("id"), rs.getString("input"), Micros.toInstant(rs.getLong("created_at")),
                verdict == null ? null : StoredJson.read(verdict, Verdict.class));
    }
}
