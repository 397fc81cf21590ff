package dev.nines.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One group of alerts as stored (migration V61): its key, its state as JSON (the notify
 * package's), when it is looked at next, and the version its next write must match.
 *
 * @param version 0 for a group not stored yet; the store adds one at every write
 */
public record StoredAlertGroup(String key, String state, Instant nextFlushAt, long version) {
  public StoredAlertGroup {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextFlushAt, "nextFlushAt");
  }
}
