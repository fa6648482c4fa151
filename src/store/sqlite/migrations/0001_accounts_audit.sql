-- Staff accounts, their sessions, sign-in throttling and the audit trail.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL COLLATE NOCASE UNIQUE,
  display_name  TEXT    NOT NULL DEFAULT '',
  role          TEXT    NOT NULL,
  scope_kind    TEXT    NOT NULL,
  scope_code    TEXT    NOT NULL DEFAULT '',
  password_hash TEXT    NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
) STRICT;

-- Only a hash of each token is kept.
CREATE TABLE sessions (
  token_hash     TEXT    PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users (id),
  created_at     INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  revoked        INTEGER NOT NULL DEFAULT 0,
  client_address TEXT    NOT NULL DEFAULT ''
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Keys are "user:NAME" and "addr:IP".
CREATE TABLE login_throttle (
  key           TEXT    PRIMARY KEY,
  failures      INTEGER NOT NULL,
  window_start  INTEGER NOT NULL,
  blocked_until INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  user_id        INTEGER,
  username       TEXT    NOT NULL,
  role           TEXT    NOT NULL,
  action         TEXT    NOT NULL,
  record_type    TEXT    NOT NULL,
  record_id      TEXT    NOT NULL,
  client_address TEXT    NOT NULL,
  request_id     TEXT    NOT NULL,
  detail         TEXT    NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_by_user ON audit_log (user_id, id);
CREATE INDEX audit_by_record ON audit_log (record_type, record_id, id);
CREATE INDEX audit_by_time ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
