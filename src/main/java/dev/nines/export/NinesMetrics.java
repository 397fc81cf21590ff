package dev.nines.export;

import java.util.List;

/**
 * The metric names and labels Nines exposes on its own {@code /metrics}, which the generated
 * Prometheus rules and Grafana dashboards query. The server's exporter must expose exactly
 * these; {@code docs/metrics.md} describes each one.
 */
public final class NinesMetrics {
  /**
   * Counter of valid events counted by an event SLI that Nines measures itself (pushed request
   * events, journey runs, monitor checks or attempts). Labels {@code service}, {@code slo},
   * {@code outcome} ({@code good} or {@code bad}).
   */
  public static final String SLI_EVENTS = "nines_sli_events_total";

  /**
   * Counter of seconds attributed by a time SLI (uptime from monitor states). Labels
   * {@code service}, {@code slo}, {@code outcome} ({@code good} up, {@code bad} down,
   * {@code unknown}); valid time is good plus bad, unknown time is reported, never counted.
   */
  public static final String SLI_TIME = "nines_sli_time_seconds_total";

  /** Gauge: the SLI (good / valid, 0–1) over the SLO's window. Labels {@code service}, {@code slo}. */
  public static final String SLO_SLI = "nines_slo_sli_ratio";

  /**
   * Gauge: the share of the error budget left over the SLO's real window (calendar windows
   * exact), below zero when overspent. Labels {@code service}, {@code slo}.
   */
  public static final String SLO_BUDGET_REMAINING = "nines_slo_error_budget_remaining_ratio";

  /** Gauge: the burn rate over a look-back. Labels {@code service}, {@code slo}, {@code window} (e.g. {@code 1h}). */
  public static final String SLO_BURN_RATE = "nines_slo_burn_rate";

  /**
   * Gauge: 1 for a monitor's current state in a region, 0 for the others. Labels
   * {@code monitor}, {@code service}, {@code region}, {@code state} ({@code ok},
   * {@code unknown}, {@code error}).
   */
  public static final String MONITOR_STATE = "nines_monitor_state";

  /** Gauge: a monitor's check interval in seconds. Labels {@code monitor}, {@code service}. */
  public static final String MONITOR_INTERVAL = "nines_monitor_interval_seconds";

  /**
   * Counter of probe attempts. Labels {@code monitor}, {@code service}, {@code region},
   * {@code outcome} ({@code ok} or {@code error}).
   */
  public static final String PROBE_ATTEMPTS = "nines_probe_attempts_total";

  /**
   * Histogram of probe phase durations in seconds, one observation per phase that happened.
   * Labels {@code monitor}, {@code service}, {@code region}, {@code phase} (see {@link #PHASES}).
   */
  public static final String PROBE_PHASE = "nines_probe_phase_seconds";

  /**
   * Counter of pushed request events. Labels {@code service}, {@code endpoint} (the path),
   * {@code code} (the HTTP status, or {@code error} for a failure without one).
   */
  public static final String REQUESTS = "nines_requests_total";

  /** Histogram of pushed request durations in seconds. Labels {@code service}, {@code endpoint}. */
  public static final String REQUEST_DURATION = "nines_request_duration_seconds";

  /**
   * Probe phases: DNS lookup, TCP connect, TLS handshake, time to first byte and total time
   * (the last two measured from the start of the call, as curl does).
   */
  public static final List<String> PHASES = List.of("dns", "connect", "tls", "first_byte", "total");

  private NinesMetrics() {}
}
