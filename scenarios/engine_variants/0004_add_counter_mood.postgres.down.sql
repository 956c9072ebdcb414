ALTER TABLE counters DROP COLUMN mood;
DROP TYPE counter_mood;
