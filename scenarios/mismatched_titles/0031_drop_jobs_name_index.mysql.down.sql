DROP INDEX jobs_name_idx ON jobs;
