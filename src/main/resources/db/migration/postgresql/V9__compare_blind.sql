-- Blind comparisons (docs/api-additions.md): the group hides its models until a verdict is saved; labels maps each
-- attempt's run id to the letter that stands for its model ({"<run id>":"A", ...}), null for groups made run by run.
ALTER TABLE compare_groups ADD COLUMN blind INTEGER NOT NULL DEFAULT 0;
ALTER TABLE compare_groups ADD COLUMN labels_json TEXT COLLATE "C";
-- The thread list leaves out threads that hold only attempts of a comparison created in one request.
CREATE INDEX runs_session ON runs(chat_session_id, compare_group_id);
