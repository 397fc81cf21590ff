-- Maintenance windows applied to the stored history after the fact (added, or deleted, after
-- their start): when, over which minutes, and what each SLO's minutes became, so the console
-- shows it with the window. Keyed by the window itself: spec windows have no id.
CREATE TABLE maintenance_applied (
  id          ${id},
  service     VARCHAR(200) NOT NULL,
  starts_at   BIGINT       NOT NULL,
  ends_at     BIGINT       NOT NULL,
  kind        VARCHAR(10)  NOT NULL,   -- added | deleted
  applied_at  BIGINT       NOT NULL,
  from_at     BIGINT       NOT NULL,
  to_at       BIGINT       NOT NULL,
  slos        TEXT         NOT NULL    -- one line per SLO: name, how, minutes, changed, note (tabs)
);
CREATE INDEX maintenance_applied_window ON maintenance_applied (service, starts_at, ends_at);
