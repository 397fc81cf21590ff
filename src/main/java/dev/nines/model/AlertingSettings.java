package dev.nines.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How Nines evaluates and repeats alerts, for the whole spec ({@code alerting:} at the top).
 *
 * @param evaluationInterval how often every condition is evaluated
 * @param repeatInterval how often a firing alert is notified again
 * @param minEvents the default minimum-traffic guard of every SLO (see
 *     {@link AlertingSpec#minEvents()})
 * @param certificateDays a monitor's TLS certificate with fewer days left than this raises a
 *     ticket (TLS-expiry monitors use their own {@code warnDays})
 */
public record AlertingSettings(Duration evaluationInterval, Duration repeatInterval,
    long minEvents, int certificateDays) {
  /** Every 30 s, repeated every 4 h, no traffic guard, certificates warned 21 days ahead. */
  public static final AlertingSettings DEFAULTS = new AlertingSettings(Duration.ofSeconds(30),
      Duration.ofHours(4), 0, 21);

  public AlertingSettings {
    Objects.requireNonNull(evaluationInterval, "evaluationInterval");
    Objects.requireNonNull(repeatInterval, "repeatInterval");
    if (evaluationInterval.compareTo(Duration.ofSeconds(1)) < 0
        || evaluationInterval.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("evaluationInterval " + Durations.format(
          evaluationInterval) + " is out of range. Expected 1s to 10m");
    }
    if (repeatInterval.compareTo(Duration.ofMinutes(1)) < 0
        || repeatInterval.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("repeatInterval " + Durations.format(repeatInterval)
          + " is out of range. Expected 1m to 7d");
    }
    if (minEvents < 0) {
      throw new IllegalArgumentException("minEvents " + minEvents + " is negative. Expected 0 "
          + "or more");
    }
    if (certificateDays < 0 || certificateDays > 365) {
      throw new IllegalArgumentException("certificateDays " + certificateDays + " is out of "
          + "range. Expected 0 to 365");
    }
  }

  /** The guard of one SLO: its own, else this default. */
  public long minEventsOf(SloSpec slo) {
    Long own = slo.alerting() == null ? null : slo.alerting().minEvents();
    return own != null ? own : minEvents;
  }
}
