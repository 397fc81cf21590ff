package dev.nines.export.grafana;

import dev.nines.export.NinesMetrics;
import dev.nines.model.MonitorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Internal/Probes}: one dashboard per monitor with its state per region (OK, UNKNOWN,
 * ERROR), the share of failed attempts per region, and the p95 phase timings (DNS, connect,
 * TLS, first byte, total) per region, from Nines' probe metrics.
 */
final class ProbeDashboards {
  static final List<String> FOLDER = List.of("Internal", "Probes");

  private ProbeDashboards() {}

  /**
   * @param allRegions the spec's regions, for monitors that name none
   */
  static List<DashboardFile> of(List<MonitorSpec> monitors, List<String> allRegions) {
    List<DashboardFile> out = new ArrayList<>();
    for (MonitorSpec m : monitors) {
      List<String> regions = m.regions().isEmpty() ? allRegions : m.regions();
      out.add(DashboardFile.of(FOLDER, m.name(), m.kind().id() + " monitor of service "
          + m.service() + ", checked from " + String.join(", ", regions) + ".",
          List.of("nines", "internal", "probe"), "now-24h", panels(m, regions)));
    }
    return out;
  }

  private static List<Panel> panels(MonitorSpec m, List<String> regions) {
    String sel = "monitor=\"" + m.name() + "\"";
    String state = NinesMetrics.MONITOR_STATE;
    String attempts = NinesMetrics.PROBE_ATTEMPTS;
    List<Panel> out = new ArrayList<>(List.of(
        Panel.stat("Check interval", 4, "s",
            new Target(NinesMetrics.MONITOR_INTERVAL + "{" + sel + "}", "interval")),
        Panel.of("state-timeline", "State by region", 20, 6, null, new Target(
            "max by (region) (" + state + "{" + sel + ", state=\"error\"}) * 2 + max by (region) ("
                + state + "{" + sel + ", state=\"unknown\"})", "{{region}}"))
            .withMappings(new Panel.Mapping(0, "OK", "green"),
                new Panel.Mapping(1, "UNKNOWN", "yellow"), new Panel.Mapping(2, "ERROR", "red")),
        Panel.timeseries("Failed attempts by region", 24, "percentunit", new Target(
            "sum by (region) (rate(" + attempts + "{" + sel + ", outcome=\"error\"}[15m])) / "
                + "sum by (region) (rate(" + attempts + "{" + sel + "}[15m]))", "{{region}}"))));
    for (String region : regions) {
      out.add(Panel.timeseries("Phase timings p95, " + region, 12, "s", new Target(
          "histogram_quantile(0.95, sum by (le, phase) (rate(" + NinesMetrics.PROBE_PHASE
              + "_bucket{" + sel + ", region=\"" + region + "\"}[15m])))", "{{phase}}")));
    }
    return out;
  }
}
