DROP INDEX sessions_token_idx;
