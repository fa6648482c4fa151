-- Gate-duty shifts (e.g. 08:30–09:30 and 17:00–18:30) per entrance and day, and the guard on duty
-- to whom each gate event is attributed.
CREATE TABLE gate_shifts (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  entrance_id INTEGER NOT NULL REFERENCES entrances (id),
  day TEXT NOT NULL,
  starts TEXT NOT NULL,
  ends TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_by INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX gate_shifts_by_entrance ON gate_shifts (entrance_id, day, starts);
CREATE INDEX gate_shifts_by_community ON gate_shifts (community_id, day, starts);

ALTER TABLE gate_events ADD COLUMN on_duty_id INTEGER REFERENCES users (id);
