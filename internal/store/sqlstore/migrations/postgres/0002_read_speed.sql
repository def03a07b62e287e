-- Schema 2: the indexes of SQLite's schema 2 (see its 0002_read_speed.sql).
-- The event counters it adds are not kept here: PostgreSQL counts the
-- events of Stats with a GROUP BY over the events_day index.

-- Events by day with their type and country, so that counting a date
-- range can read the index alone; it still orders lists by (day_start, key).
DROP INDEX events_day;
CREATE INDEX events_day ON events (day_start, key, type, loc_country);

-- An incident's events in key order: its smallest key names it.
DROP INDEX events_incident;
CREATE INDEX events_incident ON events (incident, key);
