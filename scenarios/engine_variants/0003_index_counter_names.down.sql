DROP INDEX counters_name_lower_idx;
