-- Alerts, incidents, maintenance windows and leases. The V1 drafts of these tables were never
-- written to; they are replaced by the shapes the alert evaluation uses.
DROP TABLE alert_event;
DROP TABLE alert;
DROP TABLE incident;
DROP TABLE maintenance;

-- Open alerts (pending or firing), one row per fingerprint: what a restart resumes from.
CREATE TABLE alert_open (
  fingerprint    VARCHAR(64)  PRIMARY KEY,
  instance       VARCHAR(100) NOT NULL,   -- fingerprint@epoch-ms it became active
  status         VARCHAR(10)  NOT NULL,   -- pending | firing
  active_since   BIGINT       NOT NULL,
  firing_since   BIGINT,
  last_notified  BIGINT,
  notified       BOOLEAN      NOT NULL,
  silenced       BOOLEAN      NOT NULL,
  condition_json TEXT         NOT NULL    -- the latest evaluation, figures included
);

-- Every transition of every alert: pending, firing, repeat, resolved, cleared.
CREATE TABLE alert_history (
  id             ${id},
  instance       VARCHAR(100) NOT NULL,
  fingerprint    VARCHAR(64)  NOT NULL,
  kind           VARCHAR(30)  NOT NULL,
  severity       VARCHAR(10)  NOT NULL,
  audience       VARCHAR(10)  NOT NULL,
  service        VARCHAR(200),
  client         VARCHAR(200),
  subject        VARCHAR(200),
  region         VARCHAR(100),
  transition     VARCHAR(10)  NOT NULL,
  at             BIGINT       NOT NULL,
  notified       BOOLEAN      NOT NULL,
  silenced       BOOLEAN      NOT NULL,
  title          TEXT         NOT NULL,
  condition_json TEXT         NOT NULL,
  delivered      BOOLEAN      NOT NULL   -- handed to the outbox and incidents (or nothing to tell)
);
CREATE INDEX alert_history_at ON alert_history (at);
CREATE INDEX alert_history_undelivered ON alert_history (delivered, id);
CREATE INDEX alert_history_instance ON alert_history (instance);

-- Incidents: opened by a firing page or by hand, with a root-cause note the client reads.
CREATE TABLE incident (
  id           ${id},
  service      VARCHAR(200) NOT NULL,
  client       VARCHAR(200),
  title        TEXT         NOT NULL,
  opened_at    BIGINT       NOT NULL,
  resolved_at  BIGINT,
  root_cause   TEXT,
  opened_by    VARCHAR(200) NOT NULL
);
CREATE INDEX incident_opened ON incident (opened_at);
CREATE TABLE incident_event (
  id           ${id},
  incident_id  BIGINT       NOT NULL,
  at           BIGINT       NOT NULL,
  kind         VARCHAR(20)  NOT NULL,   -- opened | alert | update | note | resolved
  author       VARCHAR(200),
  body         TEXT,
  instance     VARCHAR(100)             -- the alert that joined, for kind alert
);
CREATE INDEX incident_event_incident ON incident_event (incident_id, at);
CREATE TABLE incident_slo (
  incident_id  BIGINT       NOT NULL,
  slo          VARCHAR(200) NOT NULL,
  PRIMARY KEY (incident_id, slo)
);

-- Maintenance windows added through the API (the spec's own live in the spec).
CREATE TABLE maintenance (
  id          ${id},
  service     VARCHAR(200) NOT NULL,
  starts_at   BIGINT       NOT NULL,
  ends_at     BIGINT       NOT NULL,
  reason      TEXT,
  created_at  BIGINT       NOT NULL,
  created_by  VARCHAR(200) NOT NULL,
  deleted_at  BIGINT
);

-- Leases: which server evaluates alerts and sends, so a standby on the same PostgreSQL waits.
CREATE TABLE lease (
  name        VARCHAR(50)  PRIMARY KEY,
  holder      VARCHAR(200) NOT NULL,
  expires_at  BIGINT       NOT NULL
);
