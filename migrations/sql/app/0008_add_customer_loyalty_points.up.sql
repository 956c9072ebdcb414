-- NOT NULL with a default: existing customers start at zero.
ALTER TABLE customers ADD COLUMN loyalty_points INTEGER NOT NULL DEFAULT 0;
