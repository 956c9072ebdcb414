-- +goose Up
CREATE TABLE refunds (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL);
