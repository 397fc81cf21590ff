package dev.nines.export.grafana;

import dev.nines.export.NinesMetrics;
import dev.nines.model.EndpointSpec;
import dev.nines.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Internal/Services}: one dashboard per service with traffic, error ratio and latency
 * quantiles of each critical endpoint, from the request events pushed to Nines
 * ({@link NinesMetrics#REQUESTS}, {@link NinesMetrics#REQUEST_DURATION}). A service without
 * critical endpoints shows all its requests together.
 */
final class ServiceDashboards {
  static final List<String> FOLDER = List.of("Internal", "Services");

  private ServiceDashboards() {}

  static List<DashboardFile> of(List<ServiceSpec> services) {
    List<DashboardFile> out = new ArrayList<>();
    for (ServiceSpec service : services) {
      List<Panel> panels = new ArrayList<>();
      List<EndpointSpec> critical = service.endpoints().stream().filter(EndpointSpec::critical)
          .toList();
      if (critical.isEmpty()) {
        panels.addAll(endpoint(service, "All requests", "service=\"" + service.name() + "\""));
      }
      for (EndpointSpec e : critical) {
        String title = (e.method() == null ? "" : e.method() + " ") + e.path();
        panels.addAll(endpoint(service, title, "service=\"" + service.name() + "\", endpoint=\""
            + e.path() + "\""));
      }
      out.add(DashboardFile.of(FOLDER, service.name(), service.description(),
          List.of("nines", "internal", "service"), "now-24h", panels));
    }
    return out;
  }

  private static List<Panel> endpoint(ServiceSpec service, String title, String sel) {
    String requests = NinesMetrics.REQUESTS;
    String traffic = "sum(rate(" + requests + "{" + sel + "}[5m]))";
    String errors = "sum(rate(" + requests + "{" + sel + ", code=~\"5..|error\"}[5m]))";
    return List.of(Panel.row(title),
        Panel.timeseries("Traffic", 8, "reqps", new Target(traffic, "requests/s")),
        Panel.timeseries("Errors (5xx and failures)", 8, "percentunit",
            new Target(errors + " / " + traffic, "error ratio")),
        Panel.timeseries("Latency", 8, "s", quantile("0.5", "p50", sel),
            quantile("0.95", "p95", sel), quantile("0.99", "p99", sel)));
  }

  private static Target quantile(String q, String legend, String sel) {
    return new Target("histogram_quantile(" + q + ", sum by (le) (rate("
        + NinesMetrics.REQUEST_DURATION + "_bucket{" + sel + "}[5m])))", legend);
  }
}
