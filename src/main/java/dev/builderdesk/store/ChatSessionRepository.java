package dev.builderdesk.store;

import dev.builderdesk.protocol.ChatSession;
import dev.builderdesk.protocol.ChatTurn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Threads of an app and their stored turns. */
public final class ChatSessionRepository {
    private static final String COLUMNS = "id, title, created_at, updated_at, last_message_at";

    public void insert(Connection c, String appId, ChatSession s) throws SQLException {
        Sql.update(c, "INSERT INTO chat_sessions (id, app_id, title, created_at, updated_at, last_message_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", s.id(), appId, s.title(), Micros.of(s.createdAt()),
                Micros.of(s.updatedAt()), Micros.of(s.lastMessageAt()));
    }

    public Optional<ChatSession> find(Connection c, String appId, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM chat_sessions WHERE app_id = ? AND id = ?",
                ChatSessionRepository::map, appId, id);
    }

    public List<ChatSession> list(Connection c, String appId, int limit) throws SQLException {
        // The thread of an attempt of a comparison created in one request (POST /compare-groups) is listed once it
        // has a run of its own ("Continue with this model"); run-by-run comparisons list theirs, as the contract does.
        return Sql.query(c, "SELECT " + COLUMNS + " FROM chat_sessions s WHERE app_id = ?"
                + " AND (NOT EXISTS (SELECT 1 FROM runs r JOIN compare_groups g ON g.app_id = r.app_id"
                + " AND g.id = r.compare_group_id WHERE r.chat_session_id = s.id AND g.labels_json IS NOT NULL)"
                + " OR EXISTS (SELECT 1 FROM runs r WHERE r.chat_session_id = s.id AND r.compare_group_id IS NULL))"
                + " ORDER BY last_message_at DESC, id DESC LIMIT ?", ChatSessionRepository::map, appId, limit);
    }

    public void addTurn(Connection c, String sessionId, ChatTurn turn) throws SQLException {
        Sql.update(c, "INSERT INTO chat_turns (id, session_id, run_id, role, content, model_id, model_name,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", turn.id(), sessionId, turn.runId(),
                turn.role(), turn.content(), turn.modelId(), turn.modelName(), Micros.of(turn.createdAt()));
        Sql.update(c, "UPDATE chat_sessions SET updated_at = ?, last_message_at = ? WHERE id = ?",
                Micros.of(turn.createdAt()), Micros.of(turn.createdAt()), sessionId);
    }

    public boolean hasTurn(Connection c, String runId, String role) throws SQLException {
        return Sql.count(c, "SELECT COUNT(*) FROM chat_turns WHERE run_id = ? AND role = ?", runId, role) > 0;
    }

    public List<ChatTurn> turns(Connection c, String sessionId) throws SQLException {
        return Sql.query(c, "SELECT id, run_id, role, content, model_id, model_name, created_at FROM chat_turns"
                + " WHERE session_id = ? ORDER BY created_at, id", rs -> new ChatTurn(rs.getString("id"),
                rs.getString("run_id"), rs.getString("role"), rs.getString("content"), rs.getString("model_id"),
                rs.getString("model_name"), Micros.toInstant(rs.getLong("created_at"))), sessionId);
    }

    private static ChatSession map(ResultSet rs) throws SQLException {
        return new ChatSession(rs.getString("id"), rs.getString("title"), Micros.toInstant(rs.getLong("created_at")),
                Micros.toInstant(rs.getLong("updated_at")), Micros.toInstant(rs.getLong("last_message_at")));
    }

    /** A new title; {@code updated_at} moves, {@code last_message_at} (the list's order) does not. */
    public void rename(Connection c, String sessionId, String title, Instant now) throws SQLException {
        Sql.update(c, "UPDATE chat_sessions SET title = ?, updated_at = ? WHERE id = ?", title, Micros.of(now),
                sessionId);
    }

    /** Removes the session and its stored turns (its runs are unlinked by the caller). */
    public void delete(Connection c, String sessionId) throws SQLException {
        Sql.update(c, "DELETE FROM chat_turns WHERE session_id = ?", sessionId);
        Sql.update(c, "DELETE FROM chat_sessions WHERE id = ?", sessionId);
    }

    /** Used when a session is touched without a turn. */
    public void touch(Connection c, String sessionId, Instant now) throws SQLException {
        Sql.update(c, "UPDATE chat_sessions SET updated_at = ? WHERE id = ?", Micros.of(now), sessionId);
    }
}
