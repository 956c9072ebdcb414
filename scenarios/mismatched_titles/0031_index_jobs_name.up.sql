CREATE INDEX jobs_name_idx ON jobs (name);
