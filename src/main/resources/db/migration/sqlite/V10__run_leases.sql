-- Run ownership across server instances (ADR 0017): the instance executing a run holds its lease until expires_at
-- (milliseconds since the epoch, by the database's clock) and renews it; each claim increments epoch, and a commit
-- of events carrying an older epoch is refused. A released lease keeps its epoch (owner '' and expires_at 0), so
-- epochs never repeat for a run.
CREATE TABLE run_leases (
    run_id      TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    owner       TEXT NOT NULL,
    epoch       BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX run_leases_owner ON run_leases(owner);
-- A cancel asked on an instance that does not execute the run: the executing instance's heartbeat acts on it.
ALTER TABLE runs ADD COLUMN cancel_requested BOOLEAN NOT NULL DEFAULT FALSE;
