package dev.nines.uptime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the uptime of a monitor, or of an SLO over several monitors (all must be OK),
 * depends on: the monitors' observations, the service's attribution table, its maintenance
 * windows, whether the SLO leaves maintenance out, and the window {@code [from, to)}.
 *
 * <p>{@code knownUntil} ({@code >= to}) is the instant up to which the observations are
 * complete: nothing later than it is looked at, and a check or a silence after {@code to} but
 * before it settles how the time just before {@code to} counts. Observations from
 * {@code from - staleAfter} on are needed to know the state at {@code from}.
 */
public record UptimeQuery(List<MonitorObservations> monitors, AttributionTable table,
    List<MaintenanceWindow> maintenance, boolean excludeMaintenance, Instant from, Instant to,
    Instant knownUntil) {
  public UptimeQuery {
    monitors = List.copyOf(monitors);
    if (monitors.isEmpty()) {
      throw new IllegalArgumentException("monitors: none. Expected at least one monitor");
    }
    Objects.requireNonNull(table, "table");
    List<MaintenanceWindow> sorted = new ArrayList<>(maintenance);
    sorted.sort(Comparator.comparing(MaintenanceWindow::start));
    maintenance = List.copyOf(sorted);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(knownUntil, "knownUntil");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to
          + ". Expected from <= to");
    }
    if (knownUntil.isBefore(to)) {
      throw new IllegalArgumentException("knownUntil " + knownUntil + " is before to " + to
          + ". Expected to <= knownUntil");
    }
  }

  /** One monitor over {@code [from, to)}, with observations complete up to {@code to}. */
  public static UptimeQuery of(MonitorObservations monitor, AttributionTable table,
      List<MaintenanceWindow> maintenance, Instant from, Instant to) {
    return new UptimeQuery(List.of(monitor), table, maintenance, false, from, to, to);
  }

  /** This query for one region of its only monitor, which alone decides. */
  UptimeQuery region(MonitorObservations monitor, String region) {
    return new UptimeQuery(List.of(monitor.region(region)), table, maintenance,
        excludeMaintenance, from, to, knownUntil);
  }
}
