package dev.nines.notify;

import dev.nines.export.prometheus.RuleNames;
import dev.nines.model.AlertTarget;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Severity;
import dev.nines.model.SloSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of a burn-rate alert as the generated Prometheus rules give them
 * ({@code docs/rules.md}): {@code alertname} ({@code <CamelCaseSlo>BurnRate} or the spec's
 * alert name), {@code severity}, {@code sloth_severity}, {@code sloth_id},
 * {@code sloth_service}, {@code sloth_slo}, the SLO's labels and its alerting labels; plus
 * {@code slo} and {@code service}. An Alertmanager routes an alert Nines sends the way it
 * routes the same alert from Prometheus.
 */
public final class AlertLabels {
  private AlertLabels() {}

  /** The labels of {@code slo}'s {@code severity} alert. */
  public static Map<String, String> of(SloSpec slo, Severity severity) {
    Map<String, String> out = new TreeMap<>(slo.labels());
    AlertingSpec a = slo.alerting();
    if (a != null) {
      out.putAll(a.labels());
      AlertTarget target = severity == Severity.PAGE ? a.page() : a.ticket();
      out.putAll(target.labels());
    }
    out.putAll(RuleNames.ids(slo));
    out.put("sloth_severity", severity.id());
    out.put("severity", severity.id());
    out.put("alertname", RuleNames.alertName(slo));
    out.put("slo", slo.name());
    out.put("service", slo.service());
    return out;
  }
}
