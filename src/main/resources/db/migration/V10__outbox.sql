-- The outbox of notifications (dev.nines.notify): one row per (notification key, channel),
-- sent at least once by senders that claim due rows under a lease, so that several Nines
-- processes on one PostgreSQL never send a row at the same time. V1 made the table; nothing
-- wrote to it before this version, and the updates below carry any row it has over.
-- sent_at of V1 is the delivery time. Times are epoch milliseconds.
ALTER TABLE outbox ADD COLUMN dedup_key VARCHAR(500) NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN kind VARCHAR(20) NOT NULL DEFAULT 'test';
ALTER TABLE outbox ADD COLUMN client VARCHAR(200);
ALTER TABLE outbox ADD COLUMN title TEXT NOT NULL DEFAULT '';
-- pending (to send), delivered (the receiver took it) or failed (given up)
ALTER TABLE outbox ADD COLUMN status VARCHAR(12) NOT NULL DEFAULT 'pending';
ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
-- the sender holding the row, and until when; a lapsed lease lets another sender claim it
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;

UPDATE outbox SET dedup_key = 'v1-' || CAST(id AS VARCHAR(20)), next_attempt_at = created_at;
UPDATE outbox SET status = 'delivered' WHERE sent_at IS NOT NULL;

CREATE UNIQUE INDEX outbox_key_channel ON outbox (dedup_key, channel);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created ON outbox (created_at);
CREATE INDEX outbox_claimed_by ON outbox (claimed_by);
