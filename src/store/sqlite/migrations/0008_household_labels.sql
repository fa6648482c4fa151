-- A household carries the names of its building and unit, so that a list of persons reads where
-- each lives from the household alone: two look-ups fewer per row (over a million persons, a
-- tenth of a search's time). The store keeps them: a household is written with them, and a
-- renamed building renames them in the same transaction (units are never renamed).
ALTER TABLE households ADD COLUMN building_name TEXT NOT NULL DEFAULT '';
ALTER TABLE households ADD COLUMN unit_name TEXT NOT NULL DEFAULT '';
UPDATE households SET
  building_name = (SELECT name FROM buildings WHERE buildings.id = households.building_id),
  unit_name = (SELECT name FROM units WHERE units.id = households.unit_id);
