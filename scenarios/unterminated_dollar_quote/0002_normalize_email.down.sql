DROP INDEX users_email_idx;
DROP FUNCTION normalize_email(text);
