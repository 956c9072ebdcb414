-- crucible:no-transaction
DROP INDEX CONCURRENTLY users_lower_name_idx;
DROP INDEX CONCURRENTLY users_name_email_idx;
