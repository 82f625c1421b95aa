-- Why a paused run paused: 'step_budget' or 'server_shutdown' (docs/api-additions.md); null otherwise.
ALTER TABLE runs ADD COLUMN pause_reason TEXT COLLATE "C";
