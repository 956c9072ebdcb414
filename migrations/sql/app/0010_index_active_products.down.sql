DROP INDEX products_active_name_idx;
