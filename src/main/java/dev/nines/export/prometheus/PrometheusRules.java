package dev.nines.export.prometheus;

import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.slo.TimeSlices;
import dev.nines.model.Spec;
import java.util.ArrayList;
import java.util.List;

/**
 * Generator of Prometheus rules from a spec: for every SLO with a PromQL form, Sloth-named SLI
 * recordings, metadata recordings and multi-window burn-rate alerts (factors from
 * {@link dev.nines.model.AlertWindow#factorFor}), then the baseline internal pack.
 */
public final class PrometheusRules {
  private PrometheusRules() {}

  /** The rule groups of {@code spec}, with a warning for each SLO skipped or partly covered. */
  public static GeneratedRules generate(Spec spec, RulesOptions options) {
    List<RuleGroup> groups = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (SloSpec slo : spec.slos()) {
      String who = "slo " + slo.name() + " (service " + slo.service() + "): ";
      SliQueries queries = SliQueries.of(slo, w -> warnings.add(who + "skipped: " + w));
      if (queries == null) {
        continue;
      }
      if (options.sloth() != null && TimeSlices.of(slo.budgeting()) != null) {
        warnings.add(who + "skipped: budgeting " + slo.budgeting().method() + " counts time "
            + "slices, which Sloth does not. Expected OCCURRENCES with --sloth-compat");
        continue;
      }
      if (!queries.windowed()) {
        warnings.add(who + "a query has no {{.window}} placeholder, so every window reads the "
            + "same range. Expected [{{.window}}] in each range selector");
      }
      // The guard of the spec (the SLO's, else the spec's default) unless the options raise it.
      RulesOptions own = options.withMinEvents(Math.max(options.minEvents(),
          spec.alerting().minEventsOf(slo)));
      if (own.minEvents() > 0 && !queries.counts()) {
        warnings.add(who + "no minimum-traffic guard: a raw error ratio has no event count. "
            + "Expected events (error and total queries) for the guard");
      }
      ServiceSpec service = spec.service(slo.service());
      String client = service == null ? null : service.client();
      groups.addAll(new SloRules(slo, queries, client, own).groups());
    }
    if (options.baseline()) {
      groups.add(BaselineRules.group());
    }
    return new GeneratedRules(groups, warnings);
  }
}
