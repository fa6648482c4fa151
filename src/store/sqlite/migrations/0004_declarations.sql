-- Health declarations, the colour each person holds, the rules and risk areas that give colours,
-- and the visit tasks of the sweep of those who have not declared.

-- A person who registered themselves on the declaration page, for staff to confirm.
CREATE TABLE arrivals (
  person_id INTEGER PRIMARY KEY REFERENCES persons (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  arrived_at INTEGER NOT NULL,
  confirmed_at INTEGER,
  confirmed_by INTEGER REFERENCES users (id)
) STRICT;

CREATE TABLE declarations (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  person_id INTEGER NOT NULL REFERENCES persons (id),
  zone_id INTEGER REFERENCES zones (id),
  household_id INTEGER REFERENCES households (id),
  day TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  temperature_tenths INTEGER NOT NULL,
  symptoms TEXT NOT NULL,
  travel TEXT NOT NULL,
  contact_with_cases INTEGER NOT NULL,
  contact_with_risk_area INTEGER NOT NULL,
  plate TEXT NOT NULL,
  colour TEXT NOT NULL CHECK (colour IN ('green', 'yellow', 'red')),
  reasons TEXT NOT NULL,
  rules_version INTEGER NOT NULL,
  assisted_by INTEGER REFERENCES users (id),
  superseded INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX declarations_by_community ON declarations (community_id, id);
CREATE INDEX declarations_by_person ON declarations (person_id, day);
CREATE INDEX declarations_by_day ON declarations (community_id, day, id);

CREATE TABLE person_status (
  person_id INTEGER PRIMARY KEY REFERENCES persons (id),
  community_id INTEGER NOT NULL REFERENCES communities (id),
  zone_id INTEGER REFERENCES zones (id),
  pass_ref TEXT NOT NULL UNIQUE,
  colour TEXT NOT NULL CHECK (colour IN ('green', 'yellow', 'red')),
  colour_since INTEGER NOT NULL,
  declaration_id INTEGER NOT NULL REFERENCES declarations (id),
  declared_day TEXT NOT NULL,
  valid_until INTEGER NOT NULL,
  reasons TEXT NOT NULL,
  rules_version INTEGER NOT NULL
) STRICT;
CREATE INDEX person_status_by_community ON person_status (community_id, person_id);

CREATE TABLE colour_rules (
  version INTEGER PRIMARY KEY,
  rules TEXT NOT NULL,
  valid_days INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users (id)
) STRICT;

CREATE TABLE risk_areas (
  id INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL,
  name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  from_day TEXT NOT NULL,
  until_day TEXT,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users (id)
) STRICT;

CREATE TABLE visit_tasks (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  zone_id INTEGER REFERENCES zones (id),
  household_id INTEGER NOT NULL REFERENCES households (id),
  reason TEXT NOT NULL,
  team TEXT NOT NULL,
  open INTEGER NOT NULL DEFAULT 1,
  visits INTEGER NOT NULL DEFAULT 0,
  last_outcome TEXT,
  last_note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users (id),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX visit_tasks_by_community ON visit_tasks (community_id, id);
CREATE UNIQUE INDEX visit_tasks_open ON visit_tasks (household_id) WHERE open = 1;

CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES visit_tasks (id),
  outcome TEXT NOT NULL,
  note TEXT NOT NULL,
  visited_at INTEGER NOT NULL,
  visited_by INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX visits_by_task ON visits (task_id, id);
