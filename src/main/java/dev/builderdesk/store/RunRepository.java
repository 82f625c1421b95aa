package dev.builderdesk.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.builderdesk.protocol.HistoryMessage;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.RunStatus;
import dev.builderdesk.protocol.RunUsage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs, looked up within their app. */
public final class RunRepository {
    private static final TypeReference<List<HistoryMessage>> MESSAGES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, app_id, status, engine, input, messages_json, base_revision_id,"
            + " result_revision_id, checkpoint_revision_id, requested_model_id, resolved_model_id,"
            + " resolved_model_name, error, error_code, chat_session_id, compare_group_id, auto_apply,"
            + " client_message_id, warnings_json, usage_json, metrics_json, created_at, started_at, completed_at,"
            + " pause_reason";

    public void insert(Connection c, RunRow r) throws SQLException {
        Sql.update(c, "INSERT INTO runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(), r.appId(), r.status().wire(), r.engine(), r.input(), StoredJson.write(r.messages()),
                r.baseRevisionId(), r.resultRevisionId(), r.checkpointRevisionId(), r.requestedModelId(),
                r.resolvedModelId(), r.resolvedModelName(), r.error(), r.errorCode(), r.chatSessionId(),
                r.compareGroupId(), r.autoApply(), r.clientMessageId(), StoredJson.write(r.warnings()),
                StoredJson.write(r.usage()), StoredJson.write(r.metrics()), Micros.of(r.createdAt()),
                Micros.of(r.startedAt()), Micros.of(r.completedAt()), r.pauseReason());
    }

    /** Writes every mutable column of the run. */
    public void update(Connection c, RunRow r) throws SQLException {
        Sql.update(c, "UPDATE runs SET status = ?, result_revision_id = ?, checkpoint_revision_id = ?, error = ?,"
                        + " error_code = ?, warnings_json = ?, usage_json = ?, metrics_json = ?, started_at = ?,"
                        + " completed_at = ?, pause_reason = ? WHERE id = ?",
                r.status().wire(), r.resultRevisionId(), r.checkpointRevisionId(), r.error(), r.errorCode(),
                StoredJson.write(r.warnings()), StoredJson.write(r.usage()), StoredJson.write(r.metrics()),
                Micros.of(r.startedAt()), Micros.of(r.completedAt()), r.pauseReason(), r.id());
    }

    public Optional<RunRow> find(Connection c, String appId, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM runs WHERE id = ? AND app_id = ?", RunRepository::map,
                id, appId);
    }

    public Optional<RunRow> findById(Connection c, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM runs WHERE id = ?", RunRepository::map, id);
    }

    /** Newest first; null filters match everything. */
    public List<RunRow> list(Connection c, String appId, int limit, String compareGroupId, String chatSessionId)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM runs WHERE app_id = ?");
        List<Object> params = new ArrayList<>(List.of(appId));
        if (compareGroupId != null) {
            sql.append(" AND compare_group_id = ?");
            params.add(compareGroupId);
        }
        if (chatSessionId != null) {
            sql.append(" AND chat_session_id = ?");
            params.add(chatSessionId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit);
        return Sql.query(c, sql.toString(), RunRepository::map, params.toArray());
    }

    /** The runs of a comparison in the order they were created. */
    public List<RunRow> inCompareGroup(Connection c, String appId, String groupId) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM runs WHERE app_id = ? AND compare_group_id = ?"
                + " ORDER BY created_at, id", RunRepository::map, appId, groupId);
    }

    /** The run an idempotency key already created, within a session when one is named. */
    public Optional<RunRow> findByClientMessage(Connection c, String appId, String sessionId, String key)
            throws SQLException {
        if (sessionId == null) {
            return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM runs WHERE app_id = ? AND client_message_id = ?"
                    + " ORDER BY created_at LIMIT 1", RunRepository::map, appId, key);
        }
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM runs WHERE app_id = ? AND chat_session_id = ?"
                + " AND client_message_id = ? ORDER BY created_at LIMIT 1", RunRepository::map, appId, sessionId, key);
    }

    /** The newest run of a session that a worker runs or may run again (queued, running or paused). */
    public Optional<RunRow> findUnsettledInSession(Connection c, String appId, String sessionId)
            throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM runs WHERE app_id = ? AND chat_session_id = ?"
                + " AND status IN (?, ?, ?) ORDER BY created_at DESC LIMIT 1", RunRepository::map, appId, sessionId,
                RunStatus.QUEUED.wire(), RunStatus.RUNNING.wire(), RunStatus.PAUSED.wire());
    }

    /** Detaches a session's runs from it (the session is being deleted; the runs and their logs stay). */
    public int unlinkSession(Connection c, String appId, String sessionId) throws SQLException {
        return Sql.update(c, "UPDATE runs SET chat_session_id = NULL WHERE app_id = ? AND chat_session_id = ?",
                appId, sessionId);
    }

    public List<RunRow> withStatus(Connection c, RunStatus status) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM runs WHERE status = ? ORDER BY created_at",
                RunRepository::map, status.wire());
    }

    private static RunRow map(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString("id"), rs.getString("app_id"), RunStatus.fromWire(rs.getString("status")),
                rs.getString("engine"), rs.getString("input"), StoredJson.read(rs.getString("messages_json"), MESSAGES),
                rs.getString("base_revision_id"), rs.getString("result_revision_id"),
                rs.getString("checkpoint_revision_id"), rs.getString("requested_model_id"),
                rs.getString("resolved_model_id"), rs.getString("resolved_model_name"), rs.getString("error"),
                rs.getString("error_code"), rs.getString("chat_session_id"), rs.getString("compare_group_id"),
                rs.getBoolean("auto_apply"), rs.getString("client_message_id"),
                StoredJson.read(rs.getString("warnings_json"), STRINGS),
                StoredJson.read(rs.getString("usage_json"), RunUsage.class),
                StoredJson.read(rs.getString("metrics_json"), RunMetrics.class),
                Micros.toInstant(rs.getLong("created_at")), Micros.toInstant(Sql.nullableLong(rs, "started_at")),
                Micros.toInstant(Sql.nullableLong(rs, "completed_at")), rs.getString("pause_reason"));
    }
}
