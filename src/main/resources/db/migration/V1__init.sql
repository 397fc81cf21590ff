-- Nines schema, shared by SQLite and PostgreSQL. ${id} is the dialect's auto-increment key
-- column type, ${bytes} its binary type. Times are epoch milliseconds (or epoch minutes and
-- hours where the column says so), so both engines compare them as plain integers.

-- Per-minute SLI buckets: the source of every window, burn rate and budget.
CREATE TABLE sli_minute (
  sli     VARCHAR(200) NOT NULL,
  minute  BIGINT       NOT NULL,  -- epoch minute
  good    BIGINT       NOT NULL,
  valid   BIGINT       NOT NULL,
  PRIMARY KEY (sli, minute)
);

-- Hourly rollup of sli_minute, written in the same transaction, for long ranges.
CREATE TABLE sli_hour (
  sli     VARCHAR(200) NOT NULL,
  hour    BIGINT       NOT NULL,  -- epoch hour
  good    BIGINT       NOT NULL,
  valid   BIGINT       NOT NULL,
  PRIMARY KEY (sli, hour)
);

-- Latency histograms per series (service and endpoint) and minute, one row per bucket.
CREATE TABLE latency_minute (
  series    VARCHAR(300) NOT NULL,
  minute    BIGINT       NOT NULL,
  bound_ms  BIGINT       NOT NULL,  -- bucket upper bound; -1 for the unbounded bucket
  count     BIGINT       NOT NULL,
  PRIMARY KEY (series, minute, bound_ms)
);

-- Idempotency keys of acknowledged ingest batches: a retried batch counts once.
CREATE TABLE ingest_batch (
  idempotency_key VARCHAR(200) PRIMARY KEY,
  received_at     BIGINT NOT NULL,
  events          INTEGER NOT NULL
);

-- Every probe attempt, with phase timings; steps of a journey as JSON.
CREATE TABLE probe_attempt (
  id           ${id},
  monitor      VARCHAR(200) NOT NULL,
  region       VARCHAR(100) NOT NULL,
  started_at   BIGINT NOT NULL,
  ok           BOOLEAN NOT NULL,
  status       INTEGER,
  error        TEXT,
  dns_ms       DOUBLE PRECISION,
  connect_ms   DOUBLE PRECISION,
  tls_ms       DOUBLE PRECISION,
  ttfb_ms      DOUBLE PRECISION,
  total_ms     DOUBLE PRECISION,
  steps        TEXT
);
CREATE INDEX probe_attempt_monitor_time ON probe_attempt (monitor, started_at);

-- State observations (OK / UNKNOWN / ERROR) of monitors, services and external feeds.
CREATE TABLE observation (
  id        ${id},
  subject   VARCHAR(200) NOT NULL,
  region    VARCHAR(100) NOT NULL,
  at        BIGINT NOT NULL,
  state     VARCHAR(10) NOT NULL,
  message   TEXT,
  source    VARCHAR(50) NOT NULL
);
CREATE INDEX observation_subject_time ON observation (subject, at);

-- State changes, derived when observations are stored, for timelines.
CREATE TABLE state_transition (
  id          ${id},
  subject     VARCHAR(200) NOT NULL,
  region      VARCHAR(100) NOT NULL,
  at          BIGINT NOT NULL,
  from_state  VARCHAR(10),
  to_state    VARCHAR(10) NOT NULL
);
CREATE INDEX state_transition_subject_time ON state_transition (subject, at);

-- Burn-rate alerts and their history.
CREATE TABLE alert (
  id         ${id},
  slo        VARCHAR(200) NOT NULL,
  severity   VARCHAR(10) NOT NULL,
  opened_at  BIGINT NOT NULL,
  closed_at  BIGINT,
  summary    TEXT NOT NULL
);
CREATE TABLE alert_event (
  id        ${id},
  alert_id  BIGINT NOT NULL,
  at        BIGINT NOT NULL,
  kind      VARCHAR(20) NOT NULL,
  detail    TEXT
);

-- Notifications waiting to be sent, sent, or failed (the outbox).
CREATE TABLE outbox (
  id          ${id},
  channel     VARCHAR(200) NOT NULL,
  payload     TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  sent_at     BIGINT,
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT
);

-- Incidents with root-cause notes, for reports and the portal.
CREATE TABLE incident (
  id          ${id},
  client      VARCHAR(200),
  title       TEXT NOT NULL,
  started_at  BIGINT NOT NULL,
  resolved_at BIGINT,
  root_cause  TEXT,
  slos        TEXT
);

-- Maintenance windows: observations inside them are UNKNOWN or excluded.
CREATE TABLE maintenance (
  id         ${id},
  service    VARCHAR(200) NOT NULL,
  starts_at  BIGINT NOT NULL,
  ends_at    BIGINT NOT NULL,
  reason     TEXT,
  mode       VARCHAR(20) NOT NULL
);

-- Generated client reports.
CREATE TABLE report (
  id          ${id},
  client      VARCHAR(200) NOT NULL,
  period      VARCHAR(20) NOT NULL,
  format      VARCHAR(10) NOT NULL,
  created_at  BIGINT NOT NULL,
  content     ${bytes} NOT NULL
);

-- Users of the console and portal, and API tokens; secrets are stored hashed only.
CREATE TABLE app_user (
  id             ${id},
  name           VARCHAR(200) NOT NULL UNIQUE,
  password_hash  VARCHAR(200) NOT NULL,
  role           VARCHAR(20) NOT NULL,
  client         VARCHAR(200),
  created_at     BIGINT NOT NULL
);
CREATE TABLE api_token (
  id          ${id},
  name        VARCHAR(200) NOT NULL UNIQUE,
  token_hash  VARCHAR(100) NOT NULL UNIQUE,
  scopes      VARCHAR(200) NOT NULL,
  created_at  BIGINT NOT NULL,
  last_used   BIGINT
);
