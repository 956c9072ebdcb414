-- An E'' string whose last quote is escaped by the backslash before it.
COMMENT ON TABLE users IS E'the people who sign in\';
DROP TABLE users;
