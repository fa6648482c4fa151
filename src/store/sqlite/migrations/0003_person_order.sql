-- The registry's default list walks a community's persons in id order. Without an index that
-- keeps that order, SQLite sorted every person of the community for each page (a second and
-- more per page over a million persons).
CREATE INDEX persons_by_community ON persons (community_id, id);
