package dev.nines.export.grafana;

import dev.nines.export.prometheus.RuleNames;
import dev.nines.model.AlertWindow;
import dev.nines.model.Durations;
import dev.nines.model.SloSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Internal/SLO Burn Rates}: every SLO, client and internal, with its burn rate per
 * look-back against its alert factors (from {@link AlertWindow#factorFor}), its budget left,
 * and the SLO alerts firing now.
 */
final class BurnRateDashboards {
  static final List<String> FOLDER = List.of("Internal", "SLO Burn Rates");
  private static final List<Duration> LOOKBACKS = List.of(Duration.ofMinutes(5),
      Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3));

  private BurnRateDashboards() {}

  static List<DashboardFile> of(List<SloSpec> slos) {
    List<Panel> panels = new ArrayList<>();
    Target[] left = slos.stream().map(s -> new Target(ClientDashboards.remaining(s),
        RuleNames.sloId(s))).toArray(Target[]::new);
    panels.add(Panel.of("bargauge", "Error budget left, every SLO", 16,
        Math.max(4, 2 * slos.size()), "percentunit", left).withRange(0.0, 1.0)
        .withSteps(Panel.budgetSteps()));
    panels.add(Panel.of("table", "SLO alerts firing", 8, Math.max(4, 2 * slos.size()), null,
        new Target("sum by (alertname, sloth_id, sloth_severity) (ALERTS{alertstate=\"firing\", "
            + "sloth_severity!=\"\"})", "{{alertname}} {{sloth_id}}")));
    for (SloSpec slo : slos) {
      panels.add(Panel.row(RuleNames.sloId(slo) + " (" + slo.target().percent().toPlainString()
          + " % over " + slo.window().id() + ", " + audience(slo) + ")"));
      panels.add(burnRates(slo));
      panels.add(Panel.stat("Error budget left", 6, "percentunit",
          new Target(ClientDashboards.remaining(slo), "budget left")).withSteps(Panel.budgetSteps()));
    }
    return List.of(DashboardFile.of(FOLDER, "SLO burn rates", "Burn rate per look-back of "
        + "every SLO; 1 spends the budget exactly over the SLO window.", List.of("nines",
        "internal", "slo"), "now-7d", panels));
  }

  private static String audience(SloSpec slo) {
    return slo.audience().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static Panel burnRates(SloSpec slo) {
    String sel = RuleNames.selector(slo);
    Target[] targets = LOOKBACKS.stream().map(w -> new Target(RuleNames.sliErrorRatio(w) + sel
        + " / on(sloth_id, sloth_slo, sloth_service) group_left " + RuleNames.ERROR_BUDGET + sel,
        Durations.format(w))).toArray(Target[]::new);
    Panel p = Panel.timeseries("Burn rate by look-back", 18, "none", targets);
    if (slo.alerting() == null || slo.alerting().windows().isEmpty()) {
      return p;
    }
    Duration period = slo.window().nominalLength();
    List<BigDecimal> factors = slo.alerting().windows().stream().map(w -> w.factorFor(period))
        .sorted().toList();
    return p.withSteps(new Panel.Step("green", null),
        new Panel.Step("orange", factors.get(0).doubleValue()),
        new Panel.Step("red", factors.get(factors.size() - 1).doubleValue()));
  }
}
