-- A quoted name whose closing quote was lost (an identifier on SQLite and PostgreSQL, a string
-- on MariaDB): everything after it would be part of one token.
DROP TABLE "users;
