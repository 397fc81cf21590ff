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
 * @param groupWait how long the first message of a new group of a service's alerts waits for
 *     more alerts to join it (webhook, Slack and email channels)
 * @param groupInterval how often, at most, an updated group message is sent
 */
public record AlertingSettings(Duration evaluationInterval, Duration repeatInterval,
    long minEvents, int certificateDays, Duration groupWait, Duration groupInterval) {
  /** The default wait before a new group's first message. */
  public static final Duration GROUP_WAIT = Duration.ofSeconds(30);
  /** The default interval between messages of one group. */
  public static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
  /**
   * Every 30 s, repeated every 4 h, no traffic guard, certificates warned 21 days ahead,
   * groups sent after 30 s and updated at most every 5 min.
   */
  public static final AlertingSettings DEFAULTS = new AlertingSettings(Duration.ofSeconds(30),
      Duration.ofHours(4), 0, 21);

  /** Settings with the default group wait and interval. */
  public AlertingSettings(Duration evaluationInterval, Duration repeatInterval, long minEvents,
      int certificateDays) {
    this(evaluationInterval, repeatInterval, minEvents, certificateDays, GROUP_WAIT,
        GROUP_INTERVAL);
  }

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
    Objects.requireNonNull(groupWait, "groupWait");
    Objects.requireNonNull(groupInterval, "groupInterval");
    if (groupWait.isNegative() || groupWait.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("groupWait " + Durations.format(groupWait)
          + " is out of range. Expected 0s to 1h");
    }
    if (groupInterval.compareTo(Duration.ofSeconds(1)) < 0
        || groupInterval.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("groupInterval " + Durations.format(groupInterval)
          + " is out of range. Expected 1s to 1d");
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
