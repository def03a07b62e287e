-- Schema 2: reading a large store fast.

-- Events by day carry their type and country, so that counting the events
-- of a date range (stats) reads this index alone; it still orders event
-- lists by (day_start, key).
DROP INDEX events_day;
CREATE INDEX events_day ON events (day_start, key, type, loc_country);

-- An incident's events in key order: its smallest key names it
-- (incident.ID), so merging finds that key in one step.
DROP INDEX events_incident;
CREATE INDEX events_incident ON events (incident, key);

-- Stored events counted by day, by type and by country (dim 'day', 'type'
-- or 'country'; '' for an unknown day or country), so that stats without a
-- filter read a few thousand counters instead of every event. Triggers keep
-- them, so every way of writing events does.
CREATE TABLE event_counts (
    dim   TEXT NOT NULL,
    value TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (dim, value)
) WITHOUT ROWID;

INSERT INTO event_counts (dim, value, n) SELECT 'day', day_start, count(*) FROM events GROUP BY day_start;
INSERT INTO event_counts (dim, value, n) SELECT 'type', type, count(*) FROM events GROUP BY type;
INSERT INTO event_counts (dim, value, n) SELECT 'country', coalesce(loc_country, ''), count(*) FROM events GROUP BY 2;

CREATE TRIGGER events_count_insert AFTER INSERT ON events BEGIN
    INSERT INTO event_counts (dim, value, n) VALUES ('day', NEW.day_start, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO event_counts (dim, value, n) VALUES ('type', NEW.type, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO event_counts (dim, value, n) VALUES ('country', coalesce(NEW.loc_country, ''), 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER events_count_delete AFTER DELETE ON events BEGIN
    UPDATE event_counts SET n = n - 1 WHERE dim = 'day' AND value = OLD.day_start;
    UPDATE event_counts SET n = n - 1 WHERE dim = 'type' AND value = OLD.type;
    UPDATE event_counts SET n = n - 1 WHERE dim = 'country' AND value = coalesce(OLD.loc_country, '');
END;

CREATE TRIGGER events_count_update AFTER UPDATE OF day_start, type, loc_country ON events BEGIN
    UPDATE event_counts SET n = n - 1 WHERE dim = 'day' AND value = OLD.day_start;
    UPDATE event_counts SET n = n - 1 WHERE dim = 'type' AND value = OLD.type;
    UPDATE event_counts SET n = n - 1 WHERE dim = 'country' AND value = coalesce(OLD.loc_country, '');
    INSERT INTO event_counts (dim, value, n) VALUES ('day', NEW.day_start, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO event_counts (dim, value, n) VALUES ('type', NEW.type, 1) ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO event_counts (dim, value, n) VALUES ('country', coalesce(NEW.loc_country, ''), 1) ON CONFLICT DO UPDATE SET n = n + 1;
END;
