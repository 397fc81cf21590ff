-- Idempotency claims say which commit made them (a random stamp per ingest commit, so that a
-- retry after a failed commit can tell "kept by that commit" from "kept before"), the body
-- they were made with (a repeat with another body is refused), and, for keys that guard one
-- minute of an SLI (prom:SLO:MINUTE from the Prometheus puller and backfill), that minute:
-- those keys are kept as long as the minute's buckets, not pruned with raw data.
ALTER TABLE ingest_batch ADD COLUMN commit_stamp BIGINT;
ALTER TABLE ingest_batch ADD COLUMN fingerprint VARCHAR(100);
ALTER TABLE ingest_batch ADD COLUMN protects_minute BIGINT;
UPDATE ingest_batch SET protects_minute = ${promKeyMinute} WHERE idempotency_key LIKE 'prom:%';
CREATE INDEX ingest_batch_received ON ingest_batch (received_at);
CREATE INDEX ingest_batch_protects ON ingest_batch (protects_minute);
