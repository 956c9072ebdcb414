-- SQLite does not enforce lengths; the widening is a no-op there.
SELECT 1;
