-- Provider ids are scoped per tenant (issue 13): two tenants may each have a provider "team". The key is (scope,
-- id), scope being the owning tenant's id, or '' for the configuration's global providers (a key cannot hold NULL).
ALTER TABLE providers ADD COLUMN scope TEXT COLLATE "C";
UPDATE providers SET scope = COALESCE(tenant_id, '');
ALTER TABLE providers ALTER COLUMN scope SET NOT NULL;
ALTER TABLE providers DROP CONSTRAINT providers_pkey;
ALTER TABLE providers ADD PRIMARY KEY (scope, id);
