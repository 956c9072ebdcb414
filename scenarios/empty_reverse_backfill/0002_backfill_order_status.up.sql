-- A data backfill: no schema change, and nothing to undo in the schema.
UPDATE orders SET status = 'new' WHERE status IS NULL;
