-- SQLite's 0009 rewrites its CHECK constraints on short code lists as comparisons joined by OR,
-- because it builds a temporary index of an IN list each time a statement runs. PostgreSQL
-- evaluates such a list in place: nothing changes here. The migration is kept so that both
-- databases number their migrations alike.
SELECT 1;
