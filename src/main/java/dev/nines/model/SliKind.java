package dev.nines.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Kinds of service level indicator. Ratio kinds count good and valid events; {@link #UPTIME}
 * counts good and valid time from monitor states; {@link #JOURNEY} counts good journey runs.
 */
public enum SliKind {
  /** Good = not a server error (5xx, timeout, connection failure). */
  AVAILABILITY("availability"),
  /** Good = succeeded and duration at or under the threshold ("p95 < 300 ms" is 95 % at 300 ms). */
  LATENCY("latency"),
  /** Good = the response was correct (no error of any kind the SLO counts). */
  ERROR_RATIO("error-ratio"),
  /** Good = processed time minus event time at or under the threshold. */
  FRESHNESS("freshness"),
  /** Good time / valid time from monitor states (OK / UNKNOWN / ERROR). */
  UPTIME("uptime"),
  /** Good runs / runs of a multi-step synthetic journey. */
  JOURNEY("journey");

  private final String id;

  SliKind(String id) {
    this.id = id;
  }

  /** The spelling used in specs. */
  public String id() {
    return id;
  }

  /** Whether the kind needs a duration threshold. */
  public boolean needsThreshold() {
    return this == LATENCY || this == FRESHNESS;
  }

  /** Looks up a kind by its spec spelling. */
  public static SliKind parse(String text) {
    for (SliKind k : values()) {
      if (k.id.equals(text)) {
        return k;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not an SLI kind. Expected one of "
        + Arrays.stream(values()).map(SliKind::id).collect(Collectors.joining(", ")));
  }
}
