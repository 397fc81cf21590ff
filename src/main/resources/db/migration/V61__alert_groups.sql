-- Groups of internal alerts (dev.nines.notify.AlertGroups): one row per group of one service's
-- alerts waiting for, or between, its messages to webhook, Slack and email channels, and one
-- row per alert of a group. state is the group's own bookkeeping as JSON; next_flush_at (epoch
-- ms) when the group is looked at next; version guards every write of the group or its
-- members, so two servers on one PostgreSQL never both advance a group. A member's
-- notification is its latest message as JSON, told the status last sent of it (null: never).
-- A group's message, its new state and its members commit in one transaction.
CREATE TABLE alert_group (
  group_key VARCHAR(500) PRIMARY KEY,
  state TEXT NOT NULL,
  next_flush_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX alert_group_next_flush ON alert_group (next_flush_at);
CREATE TABLE alert_group_member (
  group_key VARCHAR(500) NOT NULL,
  member_id VARCHAR(500) NOT NULL,
  notification TEXT NOT NULL,
  told VARCHAR(12),
  PRIMARY KEY (group_key, member_id)
);
