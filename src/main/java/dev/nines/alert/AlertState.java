package dev.nines.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * An open alert: pending (its condition holds, not yet for its {@code for}) or firing. It
 * keeps the condition's latest numbers and what was told about it, so a restart neither loses
 * a firing alert nor sends it again.
 *
 * @param instance the id of this occurrence: the fingerprint and when it became active
 * @param firingSince when it fired, or null while pending
 * @param lastNotifiedAt when a notification about it was last sent, or null
 * @param notified whether its firing was notified (false while it fired silenced)
 * @param silenced whether it is silenced now (maintenance of its service)
 */
public record AlertState(String instance, Condition condition, Status status,
    Instant activeSince, Instant firingSince, Instant lastNotifiedAt, boolean notified,
    boolean silenced) {

  /** Pending until its {@code for} has passed, then firing. */
  public enum Status { PENDING, FIRING }

  public AlertState {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(activeSince, "activeSince");
    if (status == Status.FIRING && firingSince == null) {
      throw new IllegalArgumentException("a firing alert without firingSince. Expected the "
          + "instant it fired");
    }
  }

  public String fingerprint() {
    return condition.fingerprint();
  }

  /** The instance id of a condition that became active at {@code since}. */
  static String instanceOf(Condition c, Instant since) {
    return c.fingerprint() + "@" + since.toEpochMilli();
  }
}
