-- One down for every engine.
DROP TABLE counters;
