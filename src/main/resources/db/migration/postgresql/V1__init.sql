-- PostgreSQL's copy of sqlite/V1__init.sql: the same tables, BYTEA for blobs (keep the two in step).
-- Timestamps are microseconds since the epoch (BIGINT); ids are UUID strings; JSON is TEXT.

CREATE TABLE tenants (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE providers (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT REFERENCES tenants(id),
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    base_url     TEXT,
    api_key_env  TEXT,
    api_key      TEXT,
    enabled      BOOLEAN NOT NULL,
    from_config  BOOLEAN NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE models (
    id                         TEXT PRIMARY KEY,
    tenant_id                  TEXT REFERENCES tenants(id),
    name                       TEXT NOT NULL,
    slug                       TEXT NOT NULL,
    description                TEXT,
    capability_type            TEXT NOT NULL,
    status                     TEXT NOT NULL,
    version                    TEXT NOT NULL,
    metadata_json              TEXT NOT NULL,
    default_resolution_policy  TEXT NOT NULL,
    is_active                  BOOLEAN NOT NULL,
    is_default                 BOOLEAN NOT NULL,
    from_config                BOOLEAN NOT NULL,
    created_at                 BIGINT NOT NULL,
    updated_at                 BIGINT NOT NULL
);
CREATE INDEX models_tenant ON models(tenant_id, capability_type, name);

CREATE TABLE model_bindings (
    id                TEXT PRIMARY KEY,
    model_id          TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    provider          TEXT NOT NULL,
    provider_model_id TEXT NOT NULL,
    priority          INTEGER NOT NULL,
    is_enabled        BOOLEAN NOT NULL,
    config_json       TEXT NOT NULL,
    credentials_ref   TEXT
);
CREATE INDEX model_bindings_model ON model_bindings(model_id);

CREATE TABLE apps (
    id                         TEXT PRIMARY KEY,
    tenant_id                  TEXT NOT NULL REFERENCES tenants(id),
    name                       TEXT NOT NULL,
    workspace_path             TEXT,
    current_draft_revision_id  TEXT,
    created_at                 BIGINT NOT NULL
);

CREATE TABLE blobs (
    sha256   TEXT PRIMARY KEY,
    size     BIGINT NOT NULL,
    content  BYTEA NOT NULL
);

CREATE TABLE revisions (
    id                  TEXT PRIMARY KEY,
    app_id              TEXT NOT NULL REFERENCES apps(id),
    tree_hash           TEXT NOT NULL,
    entry_file          TEXT,
    file_count          INTEGER NOT NULL,
    source              TEXT NOT NULL,
    source_revision_id  TEXT,
    run_id              TEXT,
    created_at          BIGINT NOT NULL
);
CREATE INDEX revisions_app ON revisions(app_id, created_at);

CREATE TABLE revision_files (
    revision_id  TEXT NOT NULL REFERENCES revisions(id),
    path         TEXT NOT NULL,
    sha256       TEXT NOT NULL REFERENCES blobs(sha256),
    size         BIGINT NOT NULL,
    PRIMARY KEY (revision_id, path)
);

CREATE TABLE chat_sessions (
    id               TEXT PRIMARY KEY,
    app_id           TEXT NOT NULL REFERENCES apps(id),
    title            TEXT NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    last_message_at  BIGINT NOT NULL
);
CREATE INDEX chat_sessions_app ON chat_sessions(app_id, last_message_at);

CREATE TABLE chat_turns (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES chat_sessions(id),
    run_id      TEXT,
    role        TEXT NOT NULL,
    content     TEXT NOT NULL,
    model_id    TEXT,
    model_name  TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX chat_turns_session ON chat_turns(session_id, created_at);

CREATE TABLE runs (
    id                      TEXT PRIMARY KEY,
    app_id                  TEXT NOT NULL REFERENCES apps(id),
    status                  TEXT NOT NULL,
    engine                  TEXT NOT NULL,
    input                   TEXT NOT NULL,
    messages_json           TEXT NOT NULL,
    base_revision_id        TEXT,
    result_revision_id      TEXT,
    checkpoint_revision_id  TEXT,
    requested_model_id      TEXT,
    resolved_model_id       TEXT,
    resolved_model_name     TEXT,
    error                   TEXT,
    error_code              TEXT,
    chat_session_id         TEXT,
    compare_group_id        TEXT,
    auto_apply              BOOLEAN NOT NULL,
    client_message_id       TEXT,
    warnings_json           TEXT NOT NULL,
    usage_json              TEXT NOT NULL,
    metrics_json            TEXT NOT NULL,
    created_at              BIGINT NOT NULL,
    started_at              BIGINT,
    completed_at            BIGINT
);
CREATE INDEX runs_app_created ON runs(app_id, created_at);
CREATE INDEX runs_status ON runs(status);
CREATE INDEX runs_client_message ON runs(app_id, client_message_id);

CREATE TABLE run_events (
    run_id  TEXT NOT NULL,
    seq     BIGINT NOT NULL,
    event   TEXT NOT NULL,
    body    TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE run_states (
    run_id      TEXT PRIMARY KEY,
    state_json  TEXT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE checkpoints (
    id           TEXT PRIMARY KEY,
    app_id       TEXT NOT NULL REFERENCES apps(id),
    run_id       TEXT,
    revision_id  TEXT NOT NULL REFERENCES revisions(id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX checkpoints_app ON checkpoints(app_id, created_at);

CREATE TABLE compare_groups (
    app_id        TEXT NOT NULL REFERENCES apps(id),
    id            TEXT NOT NULL,
    input         TEXT NOT NULL,
    verdict_json  TEXT,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (app_id, id)
);
