-- The person registry (一张表) and its places. Every table inside a community carries the
-- community, and its indexes begin with it, so the data can later be sharded by community.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE regions (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  parent_code TEXT NOT NULL DEFAULT '',
  level       TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX regions_by_parent ON regions (parent_code, code);

CREATE TABLE communities (
  id          INTEGER PRIMARY KEY,
  code        TEXT    NOT NULL UNIQUE,
  name        TEXT    NOT NULL,
  region_code TEXT    NOT NULL REFERENCES regions (code),
  village     INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX communities_by_region ON communities (region_code, id);

CREATE TABLE zones (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  number       INTEGER NOT NULL,
  code         TEXT    NOT NULL UNIQUE,
  name         TEXT    NOT NULL,
  UNIQUE (community_id, number)
) STRICT;

CREATE TABLE buildings (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  zone_id      INTEGER NOT NULL REFERENCES zones (id),
  name         TEXT    NOT NULL,
  UNIQUE (community_id, name)
) STRICT;
CREATE INDEX buildings_by_zone ON buildings (community_id, zone_id);

CREATE TABLE units (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  building_id  INTEGER NOT NULL REFERENCES buildings (id),
  name         TEXT    NOT NULL,
  UNIQUE (building_id, name)
) STRICT;

CREATE TABLE households (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  zone_id      INTEGER NOT NULL REFERENCES zones (id),
  building_id  INTEGER NOT NULL REFERENCES buildings (id),
  unit_id      INTEGER NOT NULL REFERENCES units (id),
  room         TEXT    NOT NULL,
  UNIQUE (unit_id, room)
) STRICT;
CREATE INDEX households_by_zone ON households (community_id, zone_id, id);
CREATE INDEX households_by_building ON households (community_id, building_id, id);

CREATE TABLE entrances (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  zone_id      INTEGER REFERENCES zones (id),
  name         TEXT    NOT NULL,
  kind         TEXT    NOT NULL CHECK (kind IN ('people', 'vehicles', 'both')),
  UNIQUE (community_id, name)
) STRICT;

-- Document and phone numbers only sealed (doc_cipher, phone_cipher), with a keyed hash of the
-- document number for look-up and the masked forms that lists show.
CREATE TABLE persons (
  id                INTEGER PRIMARY KEY,
  community_id      INTEGER NOT NULL REFERENCES communities (id),
  zone_id           INTEGER REFERENCES zones (id),
  household_id      INTEGER REFERENCES households (id),
  name              TEXT    NOT NULL,
  doc_type          TEXT    NOT NULL,
  doc_cipher        BLOB    NOT NULL,
  doc_hash          BLOB    NOT NULL,
  doc_masked        TEXT    NOT NULL,
  doc_last4         TEXT    NOT NULL,
  phone_cipher      BLOB    NOT NULL DEFAULT x'',
  phone_masked      TEXT    NOT NULL DEFAULT '',
  phone_last4       TEXT    NOT NULL DEFAULT '',
  sex               TEXT    NOT NULL DEFAULT '',
  birth_date        TEXT    NOT NULL DEFAULT '',
  relation          TEXT    NOT NULL DEFAULT 'other',
  kind              TEXT    NOT NULL DEFAULT 'owner',
  flags             INTEGER NOT NULL DEFAULT 0,
  workplace         TEXT    NOT NULL DEFAULT '',
  vehicles          TEXT    NOT NULL DEFAULT '',
  out_migrant       INTEGER NOT NULL DEFAULT 0,
  out_migrant_where TEXT    NOT NULL DEFAULT '',
  out_migrant_since TEXT    NOT NULL DEFAULT '',
  notes             TEXT    NOT NULL DEFAULT '',
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  deleted_at        INTEGER,
  delete_reason     TEXT    NOT NULL DEFAULT ''
) STRICT;
-- One live person per document number in a community.
CREATE UNIQUE INDEX persons_by_doc ON persons (community_id, doc_hash) WHERE deleted_at IS NULL;
CREATE INDEX persons_by_name ON persons (community_id, name, id);
CREATE INDEX persons_by_doc_last4 ON persons (community_id, doc_last4, id);
CREATE INDEX persons_by_phone_last4 ON persons (community_id, phone_last4, id);
CREATE INDEX persons_by_zone ON persons (community_id, zone_id, id);
CREATE INDEX persons_by_household ON persons (household_id);
CREATE INDEX persons_by_birth ON persons (community_id, birth_date);

CREATE TABLE import_runs (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  user_id      INTEGER,
  file_name    TEXT    NOT NULL DEFAULT '',
  applied      INTEGER NOT NULL,
  rows         INTEGER NOT NULL,
  created      INTEGER NOT NULL,
  updated      INTEGER NOT NULL,
  unchanged    INTEGER NOT NULL,
  errors       INTEGER NOT NULL,
  created_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE import_errors (
  run_id INTEGER NOT NULL REFERENCES import_runs (id),
  row    INTEGER NOT NULL,
  col    TEXT    NOT NULL,
  code   TEXT    NOT NULL,
  field  TEXT    NOT NULL,
  detail TEXT    NOT NULL
) STRICT;
CREATE INDEX import_errors_by_run ON import_errors (run_id, row);
