-- +goose Up
-- +goose StatementBegin
CREATE TRIGGER accounts_audit AFTER INSERT ON accounts FOR EACH ROW
BEGIN
  INSERT INTO audit (account_id, note) VALUES (NEW.id, 'created');
  INSERT INTO audit (account_id, note) VALUES (NEW.id, 'welcome mail queued');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER accounts_audit;
