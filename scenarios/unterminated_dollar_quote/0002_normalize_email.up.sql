CREATE FUNCTION normalize_email(address text) RETURNS text
LANGUAGE sql IMMUTABLE AS $body$
    SELECT lower(trim(address));
$$;
CREATE INDEX users_email_idx ON users (normalize_email(email));
