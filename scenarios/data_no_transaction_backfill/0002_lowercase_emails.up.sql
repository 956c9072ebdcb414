-- crucible:no-transaction
-- A backfill run outside a transaction (batched in production): the data check cannot undo it
-- with a rollback, so it must check it on a copy of the version.
UPDATE users SET email = lower(email);
