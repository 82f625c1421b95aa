package dev.builderdesk.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Tenants, created from the server configuration at startup. */
public final class TenantRepository {
    /** A tenant: every app, model and run belongs to one (global models to none). */
    public record Tenant(String id, String name) {
    }

    public void upsert(Connection c, Tenant tenant, Instant now) throws SQLException {
        int updated = Sql.update(c, "UPDATE tenants SET name = ? WHERE id = ?", tenant.name(), tenant.id());
        if (updated == 0) {
            Sql.update(c, "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)", tenant.id(), tenant.name(),
                    Micros.of(now));
        }
    }

    public Optional<Tenant> find(Connection c, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT id, name FROM tenants WHERE id = ?",
                rs -> new Tenant(rs.getString("id"), rs.getString("name")), id);
    }

    public Optional<Tenant> first(Connection c) throws SQLException {
        return Sql.queryOne(c, "SELECT id, name FROM tenants ORDER BY created_at, id LIMIT 1",
                rs -> new Tenant(rs.getString("id"), rs.getString("name")));
    }
}
