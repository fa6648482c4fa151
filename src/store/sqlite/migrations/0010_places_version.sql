-- A counter the database raises whenever a community, zone, entrance or gate shift changes, or a
-- user's name: all that a gate decision reads besides the person. A server keeps those in memory
-- and, reading this one row in the same transaction, knows whether they are still current,
-- whichever process made the change.
CREATE TABLE places_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO places_version (id, version) VALUES (1, 1);

CREATE TRIGGER communities_version_insert AFTER INSERT ON communities
BEGIN UPDATE places_version SET version = version + 1; END;
CREATE TRIGGER communities_version_update AFTER UPDATE ON communities
BEGIN UPDATE places_version SET version = version + 1; END;
CREATE TRIGGER communities_version_delete AFTER DELETE ON communities
BEGIN UPDATE places_version SET version = version + 1; END;

CREATE TRIGGER zones_version_insert AFTER INSERT ON zones
BEGIN UPDATE places_version SET version = version + 1; END;
CREATE TRIGGER zones_version_update AFTER UPDATE ON zones
BEGIN UPDATE places_version SET version = version + 1; END;
CREATE TRIGGER zones_version_delete AFTER DELETE ON zones
BEGIN UPDATE places_version SET version = version + 1; END;

CREATE TRIGGER entrances_version_insert AFTER INSERT ON entrances
BEGIN UPDATE places_version SET version = version + 1; END;
CREATE TRIGGER entrances_version_update AFTER UPDATE ON entrances
BEGIN UPDATE places_version SET version = version + 1; END;
CREATE TRIGGER entrances_version_delete AFTER DELETE ON entrances
BEGIN UPDATE places_version SET version = version + 1; END;

CREATE TRIGGER gate_shifts_version_insert AFTER INSERT ON gate_shifts
BEGIN UPDATE places_version SET version = version + 1; END;
CREATE TRIGGER gate_shifts_version_update AFTER UPDATE ON gate_shifts
BEGIN UPDATE places_version SET version = version + 1; END;
CREATE TRIGGER gate_shifts_version_delete AFTER DELETE ON gate_shifts
BEGIN UPDATE places_version SET version = version + 1; END;

-- A shift carries its guard's name; nothing else of a user enters a decision.
CREATE TRIGGER users_version_name AFTER UPDATE OF username, display_name ON users
BEGIN UPDATE places_version SET version = version + 1; END;
CREATE TRIGGER users_version_delete AFTER DELETE ON users
BEGIN UPDATE places_version SET version = version + 1; END;
