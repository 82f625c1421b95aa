-- PostgreSQL's copy of sqlite/V1__init.sql: the same tables, BYTEA for blobs, and text compared byte by byte
-- (COLLATE "C", as SQLite does) so that ORDER BY name, id picks the same row on both (Auto's third step).
-- Timestamps are microseconds since the epoch (BIGINT); ids are UUID strings; JSON is TEXT.

CREATE TABLE tenants (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE providers (
    id           TEXT COLLATE "C" PRIMARY KEY,
    tenant_id    TEXT COLLATE "C" REFERENCES tenants(id),
    name         TEXT COLLATE "C" NOT NULL,
    kind         TEXT COLLATE "C" NOT NULL,
    base_url     TEXT COLLATE "C",
    api_key_env  TEXT COLLATE "C",
    api_key      TEXT COLLATE "C",
    enabled      BOOLEAN NOT NULL,
    from_config  BOOLEAN NOT NULL,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE models (
    id                         TEXT COLLATE "C" PRIMARY KEY,
    tenant_id                  TEXT COLLATE "C" REFERENCES tenants(id),
    name                       TEXT COLLATE "C" NOT NULL,
    slug                       TEXT COLLATE "C" NOT NULL,
    description                TEXT COLLATE "C",
    capability_type            TEXT COLLATE "C" NOT NULL,
    status                     TEXT COLLATE "C" NOT NULL,
    version                    TEXT COLLATE "C" NOT NULL,
    metadata_json              TEXT COLLATE "C" NOT NULL,
    default_resolution_policy  TEXT COLLATE "C" NOT NULL,
    is_active                  BOOLEAN NOT NULL,
    is_default                 BOOLEAN NOT NULL,
    from_config                BOOLEAN NOT NULL,
    created_at                 BIGINT NOT NULL,
    updated_at                 BIGINT NOT NULL
);
CREATE INDEX models_tenant ON models(tenant_id, capability_type, name);

CREATE TABLE model_bindings (
    id                TEXT COLLATE "C" PRIMARY KEY,
    model_id          TEXT COLLATE "C" NOT NULL REFERENCES models(id) ON DELETE CASCADE,
    provider          TEXT COLLATE "C" NOT NULL,
    provider_model_id TEXT COLLATE "C" NOT NULL,
    priority          INTEGER NOT NULL,
    is_enabled        BOOLEAN NOT NULL,
    config_json       TEXT COLLATE "C" NOT NULL,
    credentials_ref   TEXT COLLATE "C"
);
CREATE INDEX model_bindings_model ON model_bindings(model_id);

CREATE TABLE apps (
    id                         TEXT COLLATE "C" PRIMARY KEY,
    tenant_id                  TEXT COLLATE "C" NOT NULL REFERENCES tenants(id),
    name                       TEXT COLLATE "C" NOT NULL,
    workspace_path             TEXT COLLATE "C",
    current_draft_revision_id  TEXT COLLATE "C",
    created_at                 BIGINT NOT NULL
);

CREATE TABLE blobs (
    sha256   TEXT COLLATE "C" PRIMARY KEY,
    size     BIGINT NOT NULL,
    content  BYTEA NOT NULL
);

CREATE TABLE revisions (
    id                  TEXT COLLATE "C" PRIMARY KEY,
    app_id              TEXT COLLATE "C" NOT NULL REFERENCES apps(id),
    tree_hash           TEXT COLLATE "C" NOT NULL,
    entry_file          TEXT COLLATE "C",
    file_count          INTEGER NOT NULL,
    source              TEXT COLLATE "C" NOT NULL,
    source_revision_id  TEXT COLLATE "C",
    run_id              TEXT COLLATE "C",
    created_at          BIGINT NOT NULL
);
CREATE INDEX revisions_app ON revisions(app_id, created_at);

CREATE TABLE revision_files (
    revision_id  TEXT COLLATE "C" NOT NULL REFERENCES revisions(id),
    path         TEXT COLLATE "C" NOT NULL,
    sha256       TEXT COLLATE "C" NOT NULL REFERENCES blobs(sha256),
    size         BIGINT NOT NULL,
    PRIMARY KEY (revision_id, path)
);

CREATE TABLE chat_sessions (
    id               TEXT COLLATE "C" PRIMARY KEY,
    app_id           TEXT COLLATE "C" NOT NULL REFERENCES apps(id),
    title            TEXT COLLATE "C" NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    last_message_at  BIGINT NOT NULL
);
CREATE INDEX chat_sessions_app ON chat_sessions(app_id, last_message_at);

CREATE TABLE chat_turns (
    id          TEXT COLLATE "C" PRIMARY KEY,
    session_id  TEXT COLLATE "C" NOT NULL REFERENCES chat_sessions(id),
    run_id      TEXT COLLATE "C",
    role        TEXT COLLATE "C" NOT NULL,
    content     TEXT COLLATE "C" NOT NULL,
    model_id    TEXT COLLATE "C",
    model_name  TEXT COLLATE "C",
    created_at  BIGINT NOT NULL
);
CREATE INDEX chat_turns_session ON chat_turns(session_id, created_at);

CREATE TABLE runs (
    id                      TEXT COLLATE "C" PRIMARY KEY,
    app_id                  TEXT COLLATE "C" NOT NULL REFERENCES apps(id),
    status                  TEXT COLLATE "C" NOT NULL,
    engine                  TEXT COLLATE "C" NOT NULL,
    input                   TEXT COLLATE "C" NOT NULL,
    messages_json           TEXT COLLATE "C" NOT NULL,
    base_revision_id        TEXT COLLATE "C",
    result_revision_id      TEXT COLLATE "C",
    checkpoint_revision_id  TEXT COLLATE "C",
    requested_model_id      TEXT COLLATE "C",
    resolved_model_id       TEXT COLLATE "C",
    resolved_model_name     TEXT COLLATE "C",
    error                   TEXT COLLATE "C",
    error_code              TEXT COLLATE "C",
    chat_session_id         TEXT COLLATE "C",
    compare_group_id        TEXT COLLATE "C",
    auto_apply              BOOLEAN NOT NULL,
    client_message_id       TEXT COLLATE "C",
    warnings_json           TEXT COLLATE "C" NOT NULL,
    usage_json              TEXT COLLATE "C" NOT NULL,
    metrics_json            TEXT COLLATE "C" NOT NULL,
    created_at              BIGINT NOT NULL,
    started_at              BIGINT,
    completed_at            BIGINT
);
CREATE INDEX runs_app_created ON runs(app_id, created_at);
CREATE INDEX runs_status ON runs(status);
CREATE INDEX runs_client_message ON runs(app_id, client_message_id);

CREATE TABLE run_events (
    run_id  TEXT COLLATE "C" NOT NULL,
    seq     BIGINT NOT NULL,
    event   TEXT COLLATE "C" NOT NULL,
    body    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE run_states (
    run_id      TEXT COLLATE "C" PRIMARY KEY,
    state_json  TEXT COLLATE "C" NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE checkpoints (
    id           TEXT COLLATE "C" PRIMARY KEY,
    app_id       TEXT COLLATE "C" NOT NULL REFERENCES apps(id),
    run_id       TEXT COLLATE "C",
    revision_id  TEXT COLLATE "C" NOT NULL REFERENCES revisions(id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX checkpoints_app ON checkpoints(app_id, created_at);

CREATE TABLE compare_groups (
    app_id        TEXT COLLATE "C" NOT NULL REFERENCES apps(id),
    id            TEXT COLLATE "C" NOT NULL,
    input         TEXT COLLATE "C" NOT NULL,
    verdict_json  TEXT COLLATE "C",
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (app_id, id)
);
