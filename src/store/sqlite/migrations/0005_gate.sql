-- Gate checkpoints: every scan, append-only, stored once per client-made id however often a
-- station retries; and the fever cases a gate opens.

CREATE TABLE gate_events (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  entrance_id INTEGER NOT NULL REFERENCES entrances (id),
  client_event_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  method TEXT NOT NULL CHECK (method IN ('pass', 'id_number', 'plate')),
  person_id INTEGER REFERENCES persons (id),
  plate TEXT NOT NULL,
  temperature_tenths INTEGER,
  colour TEXT,
  decision TEXT NOT NULL CHECK (decision IN ('allow', 'refer', 'deny')),
  reasons TEXT NOT NULL,
  guard_id INTEGER REFERENCES users (id),
  device TEXT NOT NULL,
  decided_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX gate_events_by_client ON gate_events (client_event_id);
CREATE INDEX gate_events_by_community ON gate_events (community_id, id);
CREATE INDEX gate_events_by_person ON gate_events (person_id, decided_at) WHERE person_id IS NOT NULL;

-- The raw material of contact tracing: kept as recorded.
CREATE TRIGGER gate_events_append_only_update BEFORE UPDATE ON gate_events
BEGIN
  SELECT RAISE(ABORT, 'gate events are append-only');
END;
CREATE TRIGGER gate_events_append_only_delete BEFORE DELETE ON gate_events
BEGIN
  SELECT RAISE(ABORT, 'gate events are append-only');
END;

CREATE TABLE fever_cases (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id),
  person_id INTEGER REFERENCES persons (id),
  gate_event_id INTEGER REFERENCES gate_events (id),
  entrance_id INTEGER REFERENCES entrances (id),
  temperature_tenths INTEGER NOT NULL,
  source TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  opened_at INTEGER NOT NULL
) STRICT;
CREATE INDEX fever_cases_by_community ON fever_cases (community_id, id);
