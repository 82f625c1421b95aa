-- Provider ids are scoped per tenant (issue 13): two tenants may each have a provider "team". The key is (scope,
-- id), scope being the owning tenant's id, or '' for the configuration's global providers (a key cannot hold NULL).
-- SQLite cannot change a primary key in place: the table is rebuilt.
CREATE TABLE providers_scoped (
    scope        TEXT NOT NULL,
    id           TEXT NOT NULL,
    tenant_id    TEXT REFERENCES tenants(id),
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    base_url     TEXT,
    api_key_env  TEXT,
    api_key      TEXT,
    enabled      BOOLEAN NOT NULL,
    from_config  BOOLEAN NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (scope, id)
);
INSERT INTO providers_scoped (scope, id, tenant_id, name, kind, base_url, api_key_env, api_key, enabled, from_config,
                              created_at, updated_at)
    SELECT COALESCE(tenant_id, ''), id, tenant_id, name, kind, base_url, api_key_env, api_key, enabled, from_config,
           created_at, updated_at FROM providers;
DROP TABLE providers;
ALTER TABLE providers_scoped RENAME TO providers;
