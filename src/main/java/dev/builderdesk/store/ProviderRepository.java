package dev.builderdesk.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Provider endpoints; global ones (tenant null) come from the server configuration. Ids are scoped per tenant: a
 * tenant's provider ids are unique among its own and the global ones, and other tenants may use the same ids.
 */
public final class ProviderRepository {
    /** A stored provider, including its secret, which never leaves the server. */
    public record ProviderRow(String id, String tenantId, String name, String kind, String baseUrl, String apiKeyEnv,
            String apiKey, boolean enabled, boolean fromConfig) {
    }

    private static final String COLUMNS =
            "id, tenant_id, name, kind, base_url, api_key_env, api_key, enabled, from_config";

    public List<ProviderRow> listVisible(Connection c, String tenantId) throws SQLException {
        return Sql.query(c, "SELECT " + COLUMNS + " FROM providers WHERE tenant_id IS NULL OR tenant_id = ?"
                + " ORDER BY name, id", ProviderRepository::map, tenantId);
    }

    /**
     * The provider {@code id} as {@code tenantId} sees it: its own, else a global one; with a null tenant (a global
     * model's binding, the configuration), a global one only.
     */
    public Optional<ProviderRow> find(Connection c, String tenantId, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM providers WHERE id = ? AND scope IN ('', ?)"
                + " ORDER BY scope DESC", ProviderRepository::map, id, scope(tenantId));
    }

    public void insert(Connection c, ProviderRow p, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO providers (scope, " + COLUMNS + ", created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                scope(p.tenantId()), p.id(), p.tenantId(), p.name(), p.kind(), p.baseUrl(), p.apiKeyEnv(), p.apiKey(),
                p.enabled(), p.fromConfig(), Micros.of(now), Micros.of(now));
    }

    /** Updates the provider {@code p.id()} of {@code p.tenantId()} (its owner never changes). */
    public void update(Connection c, ProviderRow p, Instant now) throws SQLException {
        Sql.update(c, "UPDATE providers SET name = ?, kind = ?, base_url = ?, api_key_env = ?, api_key = ?,"
                        + " enabled = ?, from_config = ?, updated_at = ? WHERE scope = ? AND id = ?",
                p.name(), p.kind(), p.baseUrl(), p.apiKeyEnv(), p.apiKey(), p.enabled(), p.fromConfig(),
                Micros.of(now), scope(p.tenantId()), p.id());
    }

    public void delete(Connection c, ProviderRow p) throws SQLException {
        Sql.update(c, "DELETE FROM providers WHERE scope = ? AND id = ?", scope(p.tenantId()), p.id());
    }

    /** The key's owner part: the tenant, or '' for a global provider. */
    private static String scope(String tenantId) {
        return tenantId == null ? "" : tenantId;
    }

    private static ProviderRow map(ResultSet rs) throws SQLException {
        return new ProviderRow(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"),
                rs.getString("kind"), rs.getString("base_url"), rs.getString("api_key_env"), rs.getString("api_key"),
                rs.getBoolean("enabled"), rs.getBoolean("from_config"));
    }
}
