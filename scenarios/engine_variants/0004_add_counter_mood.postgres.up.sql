-- PostgreSQL only: no script for the other engines, which the report shows as a skip.
CREATE TYPE counter_mood AS ENUM ('calm', 'busy', 'overloaded');
ALTER TABLE counters ADD COLUMN mood counter_mood NOT NULL DEFAULT 'calm';
