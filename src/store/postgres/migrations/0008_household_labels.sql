-- A household carries the names of its building and unit, so that a list of persons reads where
-- each lives from the household alone (see src/store/sqlite/migrations/0008_household_labels.sql).
--
-- PostgreSQL form: the same columns, same names, same order.
ALTER TABLE households ADD COLUMN building_name TEXT NOT NULL DEFAULT '';
ALTER TABLE households ADD COLUMN unit_name TEXT NOT NULL DEFAULT '';
UPDATE households SET
  building_name = (SELECT name FROM buildings WHERE buildings.id = households.building_id),
  unit_name = (SELECT name FROM units WHERE units.id = households.unit_id);
