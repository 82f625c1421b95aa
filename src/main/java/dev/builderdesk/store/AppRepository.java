package dev.builderdesk.store;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.VerifyCommand;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Apps, always looked up within a tenant: another tenant's app does not exist. */
public final class AppRepository {
    /** The advisory lock key of app-folder claims (any constant, unique among the server's locks). */
    private static final long FOLDER_LOCK = 0x42440001L;
    private static final String COLUMNS = "id, tenant_id, name, workspace_path, current_draft_revision_id, created_at,"
            + " verify_json";

    public void insert(Connection c, App app) throws SQLException {
        Sql.update(c, "INSERT INTO apps (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", app.id(), app.tenantId(),
                app.name(), app.workspacePath(), app.currentDraftRevisionId(), Micros.of(app.createdAt()),
                app.verify() == null ? null : StoredJson.write(app.verify()));
    }

    public Optional<App> find(Connection c, String tenantId, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM apps WHERE id = ? AND tenant_id = ?",
                AppRepository::map, id, tenantId);
    }

    public Optional<App> findAnyTenant(Connection c, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM apps WHERE id = ?", AppRepository::map, id);
    }

    public List<App> list(Connection c, String tenantId) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM apps WHERE tenant_id = ? ORDER BY created_at, id",
                AppRepository::map, tenantId);
    }

    /**
     * Serialises app-folder claims until the transaction ends: PostgreSQL's transactions do not keep two inserts
     * apart that each checked the other's absence (on SQLite the single writer does).
     */
    public void lockFolders(Connection c) throws SQLException {
        if (Sql.isPostgres(c)) {
            Sql.query(c, "SELECT pg_advisory_xact_lock(" + FOLDER_LOCK + ")", rs -> null);
        }
    }

    /** Every app folder of every tenant: a new one must not overlap any of them. */
    public List<String> folders(Connection c) throws SQLException {
        return Sql.query(c, "SELECT workspace_path FROM apps WHERE workspace_path IS NOT NULL",
                rs -> rs.getString(1));
    }

    public void setDraft(Connection c, String appId, String revisionId) throws SQLException {
        Sql.update(c, "UPDATE apps SET current_draft_revision_id = ? WHERE id = ?", revisionId, appId);
    }

    public void update(Connection c, App app) throws SQLException {
        Sql.update(c, "UPDATE apps SET name = ?, workspace_path = ?, tenant_id = ?, verify_json = ? WHERE id = ?",
                app.name(), app.workspacePath(), app.tenantId(),
                app.verify() == null ? null : StoredJson.write(app.verify()), app.id());
    }

    private static App map(ResultSet rs) throws SQLException {
        return new App(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"),
                rs.getString("workspace_path"), rs.getString("current_draft_revision_id"),
                Micros.toInstant(rs.getLong("created_at")), verify(rs.getString("verify_json")));
    }

    private static VerifyCommand verify(String json) {
        return json == null ? null : StoredJson.read(json, VerifyCommand.class);
    }
}
