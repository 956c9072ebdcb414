--liquibase formatted sql

--changeset eve:counts
CREATE TABLE lb_counts (id INTEGER NOT NULL PRIMARY KEY, n INTEGER NOT NULL);
--rollback DROP TABLE lb_counts;

-- A compound body cut by its own delimiter: the `;` inside BEGIN … END stay in the trigger.
--changeset eve:bump-mariadb dbms:mariadb endDelimiter://
CREATE TRIGGER lb_counts_bump BEFORE INSERT ON lb_counts FOR EACH ROW
BEGIN
  SET NEW.n = NEW.n + 1;
  IF NEW.n > 10 THEN SET NEW.n = 10; END IF;
END//
--rollback DROP TRIGGER lb_counts_bump;

-- The whole changeset is one statement.
--changeset eve:bump-postgres dbms:postgresql splitStatements:false
CREATE FUNCTION lb_counts_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.n := LEAST(NEW.n + 1, 10);
  RETURN NEW;
END;
$$;
--rollback DROP FUNCTION lb_counts_bump();

--changeset eve:bump-sqlite dbms:sqlite endDelimiter:/
CREATE TRIGGER lb_counts_bump AFTER INSERT ON lb_counts
BEGIN
  UPDATE lb_counts SET n = MIN(n + 1, 10) WHERE id = NEW.id;
END;
/
--rollback DROP TRIGGER lb_counts_bump;
