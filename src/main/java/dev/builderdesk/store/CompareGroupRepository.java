package dev.builderdesk.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.builderdesk.protocol.Verdict;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Comparisons: groups of runs that answered one prompt, and their verdicts. */
public final class CompareGroupRepository {
    /**
     * A stored comparison without its runs. {@code labels} maps each attempt's run id to its letter ("A", "B", …);
     * it is empty for a group made run by run.
     */
    public record GroupRow(String id, String input, Instant createdAt, Verdict verdict, boolean blind,
            Map<String, String> labels) {
        /** The same comparison with {@code verdict} saved. */
        public GroupRow withVerdict(Verdict saved) {
            return new GroupRow(id, input, createdAt, saved, blind, labels);
        }

        /** True while blind mode hides the models: the group is blind and no verdict is saved. */
        public boolean hidesModels() {
            return blind && verdict == null;
        }
    }

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };
    private static final String COLUMNS = "id, input, created_at, verdict_json, blind, labels_json";

    public void insertIfAbsent(Connection c, String appId, String id, String input, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO compare_groups (app_id, id, input, created_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", appId, id, input, Micros.of(now));
    }

    /** Creates a comparison with its attempts' labels, before any of its runs exists. */
    public void insert(Connection c, String appId, GroupRow g) throws SQLException {
        Sql.update(c, "INSERT INTO compare_groups (app_id, id, input, created_at, blind, labels_json)"
                + " VALUES (?, ?, ?, ?, ?, ?)", appId, g.id(), g.input(), Micros.of(g.createdAt()), g.blind() ? 1 : 0,
                StoredJson.write(g.labels()));
    }

    public Optional<GroupRow> find(Connection c, String appId, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM compare_groups"
                + " WHERE app_id = ? AND id = ?", CompareGroupRepository::map, appId, id);
    }

    public List<GroupRow> list(Connection c, String appId, int limit) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM compare_groups WHERE app_id = ?"
                + " ORDER BY created_at DESC, id DESC LIMIT ?", CompareGroupRepository::map, appId, limit);
    }

    public void setVerdict(Connection c, String appId, String id, Verdict verdict) throws SQLException {
        Sql.update(c, "UPDATE compare_groups SET verdict_json = ? WHERE app_id = ? AND id = ?",
                StoredJson.write(verdict), appId, id);
    }

    private static GroupRow map(ResultSet rs) throws SQLException {
        String verdict = rs.getString("verdict_json");
        String labels = rs.getString("labels_json");
        return new GroupRow(rs.getString("id"), rs.getString("input"), Micros.toInstant(rs.getLong("created_at")),
                verdict == null ? null : StoredJson.read(verdict, Verdict.class), rs.getInt("blind") != 0,
                labels == null ? Map.of() : StoredJson.read(labels, LABELS));
    }
}
