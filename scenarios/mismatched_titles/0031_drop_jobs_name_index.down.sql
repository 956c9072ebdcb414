DROP INDEX jobs_name_idx;
