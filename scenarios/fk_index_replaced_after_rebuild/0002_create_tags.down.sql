-- Forgets labels: the second forward then fails on it, after MariaDB has committed tags, and
-- the run goes on from a rebuilt database.
DROP TABLE tags;
