-- Schema 3: writing fast.

-- A write transaction adds the events it inserts to event_counts itself,
-- one statement per counter it changes, instead of three statements per
-- event that this trigger ran. Deleting and updating events still counts
-- through the triggers of schema 2.
DROP TRIGGER events_count_insert;
