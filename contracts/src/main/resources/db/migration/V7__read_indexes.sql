-- Indexes for the API's reads, found with EXPLAIN ANALYZE under ./forewarn bench api (docs/benchmarks.md, "API").

-- A customer's ticket list (its devices' tickets, newest first) and the list filtered by device: without this,
-- PostgreSQL reads every ticket to find the few of one device.
CREATE INDEX tickets_device ON tickets (device_id, opened_at DESC, ticket_id DESC);

-- The live-updates change feed polls every two seconds for what changed since its last look, in this order; without
-- these, each poll reads both tables whole.
CREATE INDEX tickets_updated ON tickets (updated_at, ticket_id);
CREATE INDEX predictions_recorded ON predictions (recorded_at, prediction_id);
