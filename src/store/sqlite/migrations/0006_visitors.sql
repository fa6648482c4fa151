-- Visitors (访客) registered at a gate, with a pass for the day; their numbers sealed like a
-- resident's.
CREATE TABLE visitors (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  entrance_id INTEGER NOT NULL REFERENCES entrances (id),
  name TEXT NOT NULL,
  doc_type TEXT NOT NULL,
  doc_cipher BLOB NOT NULL,
  doc_masked TEXT NOT NULL,
  phone_cipher BLOB NOT NULL,
  phone_masked TEXT NOT NULL,
  host TEXT NOT NULL,
  household_id INTEGER REFERENCES households (id),
  purpose TEXT NOT NULL,
  temperature_tenths INTEGER,
  plate TEXT NOT NULL,
  pass_ref TEXT NOT NULL UNIQUE,
  in_at INTEGER NOT NULL,
  out_at INTEGER,
  registered_by INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX visitors_by_community ON visitors (community_id, id);
