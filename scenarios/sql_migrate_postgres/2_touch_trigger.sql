-- +migrate Up
-- +migrate StatementBegin
CREATE FUNCTION accounts_touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +migrate StatementEnd
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_touch();

-- +migrate Down
DROP TRIGGER accounts_touch ON accounts;
DROP FUNCTION accounts_touch();
