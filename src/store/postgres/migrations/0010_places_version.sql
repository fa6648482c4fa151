-- A counter the database raises whenever a community, zone, entrance or gate shift changes, or a
-- user's name: all that a gate decision reads besides the person. A node keeps those in memory
-- and, reading this one row in the same snapshot, knows whether they are still current,
-- whichever node made the change.
--
-- PostgreSQL form of src/store/sqlite/migrations/0010_places_version.sql: one trigger function,
-- run once per statement.
CREATE TABLE places_version (
  id INT PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO places_version (id, version) VALUES (1, 1);

CREATE FUNCTION places_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE places_version SET version = version + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER communities_version AFTER INSERT OR UPDATE OR DELETE ON communities
  FOR EACH STATEMENT EXECUTE FUNCTION places_version_bump();
CREATE TRIGGER zones_version AFTER INSERT OR UPDATE OR DELETE ON zones
  FOR EACH STATEMENT EXECUTE FUNCTION places_version_bump();
CREATE TRIGGER entrances_version AFTER INSERT OR UPDATE OR DELETE ON entrances
  FOR EACH STATEMENT EXECUTE FUNCTION places_version_bump();
CREATE TRIGGER gate_shifts_version AFTER INSERT OR UPDATE OR DELETE ON gate_shifts
  FOR EACH STATEMENT EXECUTE FUNCTION places_version_bump();
-- A shift carries its guard's name; nothing else of a user enters a decision.
CREATE TRIGGER users_version AFTER UPDATE OF username, display_name OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION places_version_bump();
