-- Issue 9. Users can be disabled (sign-in refused, sessions ended) without being removed.
ALTER TABLE app_user ADD COLUMN disabled_at BIGINT;

-- The clients of the spec the server last ran, one row, so that `nines user add --client`
-- can check a client without being given the spec. Client names hold no comma.
CREATE TABLE server_spec (
  id           INTEGER PRIMARY KEY,
  clients      TEXT NOT NULL,
  recorded_at  BIGINT NOT NULL
);

-- One row rewritten by the readiness check: /readyz is ready only when the store takes a write.
CREATE TABLE readiness_probe (
  id          INTEGER PRIMARY KEY,
  checked_at  BIGINT NOT NULL
);
