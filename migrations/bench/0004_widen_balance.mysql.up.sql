-- INT -> BIGINT cannot be done in place by InnoDB: ALGORITHM=COPY rebuilds the table, and
-- writers wait for it (reads go on). Time grows linearly with the rows.
ALTER TABLE accounts MODIFY balance BIGINT NOT NULL;
