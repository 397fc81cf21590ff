package dev.nines.model;

import java.util.List;
import java.util.Map;

/**
 * How an SLO alerts: the burn-rate conditions and, as in Sloth, an alert name with labels and
 * annotations shared by the page and ticket alerts.
 *
 * @param name alert name, or null to derive one from the SLO name
 * @param minEvents a burn-rate condition holds only when its long window saw at least this
 *     many valid events (the minimum-traffic guard); null takes the spec's default
 */
public record AlertingSpec(String name, Map<String, String> labels,
    Map<String, String> annotations, AlertTarget page, AlertTarget ticket,
    List<AlertWindow> windows, Long minEvents) {
  public AlertingSpec {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    windows = List.copyOf(windows);
    if (minEvents != null && minEvents < 0) {
      throw new IllegalArgumentException("minEvents " + minEvents + " is negative. Expected 0 "
          + "or more");
    }
  }

  /** Alerting that takes the spec's minimum-traffic guard. */
  public AlertingSpec(String name, Map<String, String> labels, Map<String, String> annotations,
      AlertTarget page, AlertTarget ticket, List<AlertWindow> windows) {
    this(name, labels, annotations, page, ticket, windows, null);
  }

  /**
   * The windows of the severities that are on: a page window only when {@code page} is
   * enabled, a ticket window only when {@code ticket} is. What the live engine alerts on, as
   * the generated rules do.
   */
  public List<AlertWindow> enabledWindows() {
    return windows.stream().filter(w -> (w.severity() == Severity.PAGE ? page : ticket) == null
        || (w.severity() == Severity.PAGE ? page : ticket).enabled()).toList();
  }

  /** Page and ticket enabled with the SRE Workbook windows. */
  public static AlertingSpec defaults() {
    return new AlertingSpec(null, Map.of(), Map.of(), AlertTarget.ENABLED, AlertTarget.ENABLED,
        AlertWindow.googleDefaults());
  }

  /** The target of one severity. */
  public AlertTarget target(Severity severity) {
    return severity == Severity.PAGE ? page : ticket;
  }
}
