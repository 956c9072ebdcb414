-- source was the last column, so adding it back restores the same column order.
ALTER TABLE events ADD COLUMN source VARCHAR(40) NOT NULL DEFAULT 'web';
