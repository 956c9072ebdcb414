-- Needs the table 0002 failed to create (on MariaDB its CREATE TABLE did commit, but with 0002
-- left out the run goes on from a database rebuilt without it).
CREATE INDEX orders_user_idx ON orders (user_id);
