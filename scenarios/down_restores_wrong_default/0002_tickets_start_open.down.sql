-- Defect: the default before this migration was 'new', not 'pending'.
ALTER TABLE tickets ALTER COLUMN status SET DEFAULT 'pending';
