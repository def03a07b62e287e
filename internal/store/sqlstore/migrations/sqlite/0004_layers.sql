-- Schema 4: an article's layers in its row.

-- Entities, quotes, credits, times, numbers, places and blocks with their
-- sentences are one JSON value (see layers.go) for articles stored from now
-- on; those stored before keep their rows in the child tables, which are
-- read when layers is NULL.
ALTER TABLE articles ADD COLUMN layers TEXT;
