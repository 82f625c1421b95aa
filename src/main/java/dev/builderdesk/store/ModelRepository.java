package dev.builderdesk.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.ModelBinding;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The model registry: tenant models and global ones ({@code tenant_id} null). */
public final class ModelRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, tenant_id, name, slug, description, capability_type, status, version,"
            + " metadata_json, default_resolution_policy, is_active, is_default, from_config, created_at, updated_at";

    /** Filters of the listing; null means "any". */
    public record Filter(String capabilityType, Boolean isActive) {
    }

    public List<Model> listVisible(Connection c, String tenantId, Filter filter, int skip, int limit)
            throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = visibleWhere(tenantId, filter, params);
        params.add(limit);
        params.add(skip);
        List<Model> models = Sql.query(c, "SELECT " + COLUMNS + " FROM models WHERE " + where
                + " ORDER BY name, id LIMIT ? OFFSET ?", this::map, params.toArray());
        return withBindings(c, models);
    }

    public long countVisible(Connection c, String tenantId, Filter filter) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = visibleWhere(tenantId, filter, params);
        return Sql.count(c, "SELECT COUNT(*) FROM models WHERE " + where, params.toArray());
    }

    public Optional<Model> find(Connection c, String id) throws SQLException {
        Optional<Model> model = Sql.queryOne(c, "SELECT " + COLUMNS + " FROM models WHERE id = ?", this::map, id);
        if (model.isEmpty()) {
            return model;
        }
        return Optional.of(withBindings(c, List.of(model.get())).get(0));
    }

    public boolean isFromConfig(Connection c, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT from_config FROM models WHERE id = ?", rs -> rs.getBoolean(1), id)
                .orElse(false);
    }

    /** Active chat defaults at one level: the tenant's ({@code tenantId} non-null) or the global one. */
    public List<Model> activeChatDefaults(Connection c, String tenantId) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM models WHERE capability_type = 'chat' AND is_default"
                + " AND is_active AND " + (tenantId == null ? "tenant_id IS NULL" : "tenant_id = ?")
                + " ORDER BY name, id";
        List<Model> rows = tenantId == null ? Sql.query(c, sql, this::map) : Sql.query(c, sql, this::map, tenantId);
        return withBindings(c, rows);
    }

    /** Clears {@code is_default} on every other model of the same level. */
    public void clearOtherDefaults(Connection c, String tenantId, String keepId) throws SQLException {
        if (tenantId == null) {
            Sql.update(c, "UPDATE models SET is_default = FALSE WHERE tenant_id IS NULL AND id <> ?", keepId);
        } else {
            Sql.update(c, "UPDATE models SET is_default = FALSE WHERE tenant_id = ? AND id <> ?", tenantId, keepId);
        }
    }

    public void insert(Connection c, Model m, boolean fromConfig) throws SQLException {
        Sql.update(c, "INSERT INTO models (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.id(), m.tenantId(), m.name(), m.slug(), m.description(), m.capabilityType(), m.status(),
                m.version(), StoredJson.write(m.metadata()), StoredJson.write(m.defaultResolutionPolicy()),
                m.isActive(), m.isDefault(), fromConfig, Micros.of(m.createdAt()), Micros.of(m.updatedAt()));
        insertBindings(c, m);
    }

    public void update(Connection c, Model m) throws SQLException {
        Sql.update(c, "UPDATE models SET tenant_id = ?, name = ?, slug = ?, description = ?, capability_type = ?,"
                        + " status = ?, version = ?, metadata_json = ?, default_resolution_policy = ?, is_active = ?,"
                        + " is_default = ?, updated_at = ? WHERE id = ?",
                m.tenantId(), m.name(), m.slug(), m.description(), m.capabilityType(), m.status(), m.version(),
                StoredJson.write(m.metadata()), StoredJson.write(m.defaultResolutionPolicy()), m.isActive(),
                m.isDefault(), Micros.of(m.updatedAt()), m.id());
        Sql.update(c, "DELETE FROM model_bindings WHERE model_id = ?", m.id());
        insertBindings(c, m);
    }

    public void delete(Connection c, String id) throws SQLException {
        Sql.update(c, "DELETE FROM model_bindings WHERE model_id = ?", id);
        Sql.update(c, "DELETE FROM models WHERE id = ?", id);
    }

    private void insertBindings(Connection c, Model m) throws SQLException {
        for (ModelBinding b : m.providers()) {
            Sql.update(c, "INSERT INTO model_bindings (id, model_id, provider, provider_model_id, priority,"
                            + " is_enabled, config_json, credentials_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    b.id(), m.id(), b.provider(), b.providerModelId(), b.priority(), b.isEnabled(),
                    StoredJson.write(b.config()), b.credentialsRef());
        }
    }

    private static String visibleWhere(String tenantId, Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder("(tenant_id IS NULL OR tenant_id = ?)");
        params.add(tenantId);
        if (filter.capabilityType() != null) {
            where.append(" AND capability_type = ?");
            params.add(filter.capabilityType());
        }
        if (filter.isActive() != null) {
            where.append(" AND is_active = ?");
            params.add(filter.isActive());
        }
        return where.toString();
    }

    private List<Model> withBindings(Connection c, List<Model> models) throws SQLException {
        List<Model> result = new ArrayList<>(models.size());
        for (Model m : models) {
            List<ModelBinding> bindings = Sql.query(c, "SELECT id, provider, provider_model_id, priority, is_enabled,"
                    + " config_json, credentials_ref FROM model_bindings WHERE model_id = ? ORDER BY priority, id",
                    rs -> new ModelBinding(rs.getString("id"), rs.getString("provider"),
                            rs.getString("provider_model_id"), rs.getInt("priority"), rs.getBoolean("is_enabled"),
                            StoredJson.read(rs.getString("config_json"), MAP), rs.getString("credentials_ref")),
                    m.id());
            result.add(new Model(m.id(), m.tenantId(), m.name(), m.slug(), m.description(), m.capabilityType(),
                    m.status(), m.version(), m.metadata(), m.defaultResolutionPolicy(), m.isActive(), m.isDefault(),
                    bindings, m.createdAt(), m.updatedAt()));
        }
        return result;
    }

    private Model map(ResultSet rs) throws SQLException {
        return new Model(rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"), rs.getString("slug"),
                rs.getString("description"), rs.getString("capability_type"), rs.getString("status"),
                rs.getString("version"), StoredJson.read(rs.getString("metadata_json"), MAP),
                StoredJson.read(rs.getString("default_resolution_policy"), MAP), rs.getBoolean("is_active"),
                rs.getBoolean("is_default"), List.of(), Micros.toInstant(rs.getLong("created_at")),
                Micros.toInstant(rs.getLong("updated_at")));
    }
}
