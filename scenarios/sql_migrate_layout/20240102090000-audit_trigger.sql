-- A trigger body holds semicolons: StatementBegin/StatementEnd make it one statement.
-- +migrate Up
-- +migrate StatementBegin
CREATE TRIGGER accounts_audit AFTER INSERT ON accounts FOR EACH ROW
BEGIN
  INSERT INTO audit (account_id, note) VALUES (NEW.id, 'created');
  INSERT INTO audit (account_id, note) VALUES (NEW.id, 'welcome mail queued');
END;
-- +migrate StatementEnd

-- +migrate Down
DROP TRIGGER accounts_audit;
