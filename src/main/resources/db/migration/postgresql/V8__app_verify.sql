-- An app's verify command for comparison attempts (docs/api-additions.md): {"argv":[...],"timeout_s":N}, or null.
ALTER TABLE apps ADD COLUMN verify_json TEXT COLLATE "C";
