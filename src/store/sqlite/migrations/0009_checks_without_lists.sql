-- The CHECK constraints that allow a short list of codes are written as comparisons joined by OR.
-- SQLite evaluates `x IN ('a', 'b', 'c')` (three values or more) by building a temporary index
-- of the list each time a statement runs: two of them on every gate scan stored, one on every
-- declaration and on every status written. The comparisons accept and refuse exactly the same
-- values.
--
-- A constraint change that leaves every stored row valid is made by editing the table's
-- definition in place, as SQLite's documentation of ALTER TABLE describes ("Making Other Kinds
-- Of Table Schema Changes"): no row is rewritten, however many there are. Creating and dropping a
-- table afterwards changes the schema cookie, so that other connections read the new definitions;
-- the store opens its writer afresh after any migration.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(replace(replace(replace(replace(replace(sql,
  'CHECK (direction IN (''in'', ''out''))',
  'CHECK (direction = ''in'' OR direction = ''out'')'),
  'CHECK (method IN (''pass'', ''id_number'', ''plate''))',
  'CHECK (method = ''pass'' OR method = ''id_number'' OR method = ''plate'')'),
  'CHECK (decision IN (''allow'', ''refer'', ''deny''))',
  'CHECK (decision = ''allow'' OR decision = ''refer'' OR decision = ''deny'')'),
  'CHECK (colour IN (''green'', ''yellow'', ''red''))',
  'CHECK (colour = ''green'' OR colour = ''yellow'' OR colour = ''red'')'),
  'CHECK (level IN (''low'', ''medium'', ''high''))',
  'CHECK (level = ''low'' OR level = ''medium'' OR level = ''high'')'),
  'CHECK (kind IN (''people'', ''vehicles'', ''both''))',
  'CHECK (kind = ''people'' OR kind = ''vehicles'' OR kind = ''both'')')
WHERE type = 'table'
  AND name IN ('gate_events', 'declarations', 'person_status', 'risk_areas', 'entrances');
PRAGMA writable_schema = OFF;
CREATE TABLE schema_cookie_turn (x INTEGER) STRICT;
DROP TABLE schema_cookie_turn;
