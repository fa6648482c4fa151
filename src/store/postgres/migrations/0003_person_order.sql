-- The registry's default list walks a community's persons in id order. Without an index that
-- keeps that order, SQLite sorted every person of the community for each page (a second and
-- more per page over a million persons).
--
-- PostgreSQL form of src/store/sqlite/migrations/0003_person_order.sql. Keys: no new table.
-- SQLite's persons_by_community (community_id, id) is exactly persons' primary key here
-- (persons_pkey, see 0002), so no second, identical index is built; the comment records it.
COMMENT ON INDEX persons_pkey IS
  'Also serves as persons_by_community (community_id, id) of the SQLite schema (0003).';
