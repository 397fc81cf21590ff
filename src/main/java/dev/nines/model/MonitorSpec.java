package dev.nines.model;

import java.time.Duration;
import java.util.List;

/**
 * A synthetic check of a service run on a schedule from one or more regions. After a failed
 * attempt it retries {@code retries} times, {@code retryInterval} apart, before it reports
 * ERROR; until then the monitor is UNKNOWN.
 *
 * @param target host:port for tcp and tls-expiry monitors, else null
 * @param http the request for http monitors, else null
 * @param steps the ordered steps of a journey monitor, else empty
 * @param budget a journey's end-to-end time budget, else null
 * @param warnDays days of certificate validity left below which a tls-expiry check warns
 * @param failDays days left below which it fails
 * @param keepAlive reuse connections between checks (measures only the application); by
 *     default every HTTP check opens a fresh connection, so DNS, connect and TLS are measured
 *     each time, as a new customer meets them
 */
public record MonitorSpec(String name, String service, MonitorKind kind, Depth depth,
    Duration interval, Duration timeout, int retries, Duration retryInterval,
    List<String> regions, String target, HttpCheck http, List<HttpCheck> steps, Duration budget,
    int warnDays, int failDays, boolean keepAlive) {
  public MonitorSpec {
    regions = List.copyOf(regions);
    steps = List.copyOf(steps);
  }

  /** A monitor whose HTTP checks open a fresh connection every time (the default). */
  public MonitorSpec(String name, String service, MonitorKind kind, Depth depth,
      Duration interval, Duration timeout, int retries, Duration retryInterval,
      List<String> regions, String target, HttpCheck http, List<HttpCheck> steps,
      Duration budget, int warnDays, int failDays) {
    this(name, service, kind, depth, interval, timeout, retries, retryInterval, regions, target,
        http, steps, budget, warnDays, failDays, false);
  }

  /**
   * How soon a monitor in ERROR is checked again: {@code max(retryInterval, interval / 4)}, but
   * never later than the interval. A 30 s monitor with 5 s retries re-checks every 7.5 s; a
   * 6 h certificate check every 1.5 h rather than every few seconds.
   */
  public Duration recheckInterval() {
    Duration quarter = interval.dividedBy(4);
    Duration faster = retryInterval.compareTo(quarter) > 0 ? retryInterval : quarter;
    return faster.compareTo(interval) < 0 ? faster : interval;
  }

  /** How much of the service a check exercises: a static health endpoint, or real work. */
  public enum Depth { SHALLOW, DEEP }
}
