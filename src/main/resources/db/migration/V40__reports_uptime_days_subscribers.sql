-- Monthly reports archived per client, month and format (the V1 table, made unique and
-- given the hash of its figures); daily uptime with bounds per monitor, kept after the raw
-- observations are pruned; status-page subscribers (double opt-in).
DELETE FROM report;
ALTER TABLE report ADD COLUMN figures_hash VARCHAR(64) NOT NULL DEFAULT '';
CREATE UNIQUE INDEX report_client_period_format ON report (client, period, format);

-- One monitor over one day [day_start, day_end) of a client's zone, in milliseconds: the
-- point uptime's up, down and unknown time, and the certain up and uncertain time of the
-- bounds (lower = certain_up / total, upper = (certain_up + uncertain) / total).
CREATE TABLE uptime_day (
  monitor        VARCHAR(200) NOT NULL,
  day_start      BIGINT NOT NULL,
  day_end        BIGINT NOT NULL,
  up_ms          BIGINT NOT NULL,
  down_ms        BIGINT NOT NULL,
  unknown_ms     BIGINT NOT NULL,
  certain_up_ms  BIGINT NOT NULL,
  uncertain_ms   BIGINT NOT NULL,
  PRIMARY KEY (monitor, day_start, day_end)
);

CREATE TABLE status_subscriber (
  id               ${id},
  client           VARCHAR(200) NOT NULL,
  email            VARCHAR(320) NOT NULL,
  token            VARCHAR(64)  NOT NULL UNIQUE,
  created_at       BIGINT NOT NULL,
  confirmed_at     BIGINT,
  unsubscribed_at  BIGINT
);
CREATE INDEX status_subscriber_client ON status_subscriber (client, email);
