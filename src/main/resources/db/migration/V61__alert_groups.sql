-- Groups of internal alerts (dev.nines.notify.AlertGroups): one row per group of one service's
-- alerts waiting for, or between, its messages to webhook, Slack and email channels. state is
-- the group's members and what was last sent of them, as JSON; next_flush_at (epoch ms) when
-- the group is looked at next; version guards every write, so two servers on one PostgreSQL
-- never both advance a group. A group's message and its new state commit in one transaction.
CREATE TABLE alert_group (
  group_key VARCHAR(500) PRIMARY KEY,
  state TEXT NOT NULL,
  next_flush_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX alert_group_next_flush ON alert_group (next_flush_at);
