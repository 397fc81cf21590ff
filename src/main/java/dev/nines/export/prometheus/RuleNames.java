package dev.nines.export.prometheus;

import dev.nines.model.SloSpec;
import java.time.Duration;
import java.util.Map;

/**
 * Names of the series the generated rules record, as Sloth names them, for the dashboards and
 * anything else that reads them. Every series of an SLO carries {@code sloth_id},
 * {@code sloth_service} and {@code sloth_slo}.
 */
public final class RuleNames {
  public static final String OBJECTIVE = "slo:objective:ratio";
  public static final String ERROR_BUDGET = "slo:error_budget:ratio";
  public static final String TIME_PERIOD_DAYS = "slo:time_period:days";
  public static final String CURRENT_BURN_RATE = "slo:current_burn_rate:ratio";
  public static final String PERIOD_BURN_RATE = "slo:period_burn_rate:ratio";
  public static final String PERIOD_BUDGET_REMAINING = "slo:period_error_budget_remaining:ratio";
  public static final String INFO = "sloth_slo_info";
  static final String SLI_ERROR = "slo:sli_error:ratio_rate";

  private RuleNames() {}

  /** Sloth's id of an SLO: {@code <service>-<slo>}. */
  public static String sloId(SloSpec slo) {
    return slo.service() + "-" + slo.name();
  }

  /** The error ratio over a look-back, e.g. {@code slo:sli_error:ratio_rate1h}. */
  public static String sliErrorRatio(Duration window) {
    return SLI_ERROR + PromQl.duration(window);
  }

  /** The error ratio over the SLO's window, e.g. {@code slo:sli_error:ratio_rate30d}. */
  public static String periodErrorRatio(SloSpec slo) {
    return sliErrorRatio(slo.window().nominalLength());
  }

  /** The labels identifying the SLO's series. */
  public static Map<String, String> ids(SloSpec slo) {
    return Map.of("sloth_id", sloId(slo), "sloth_service", slo.service(), "sloth_slo", slo.name());
  }

  /** {@code {sloth_id="...", sloth_service="...", sloth_slo="..."}}. */
  public static String selector(SloSpec slo) {
    return PromQl.selector(ids(slo));
  }

  /** The name of an SLO's burn-rate alert: the spec's alert name, else {@code <Camel>BurnRate}. */
  public static String alertName(SloSpec slo) {
    dev.nines.model.AlertingSpec a = slo.alerting();
    return a != null && a.name() != null ? a.name() : camel(slo.name()) + "BurnRate";
  }

  /**
   * The labels a rule adds to an SLO's alert of {@code severity}: the alerting labels, the
   * page or ticket labels and {@code sloth_severity}; natively also {@code severity}.
   */
  static Map<String, String> ruleLabels(SloSpec slo, dev.nines.model.Severity severity,
      boolean sloth) {
    dev.nines.model.AlertingSpec a = slo.alerting();
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    if (a != null) {
      labels.putAll(a.labels());
      labels.putAll(a.target(severity).labels());
    }
    labels.put("sloth_severity", severity.id());
    if (!sloth) {
      labels.putIfAbsent("severity", severity.id());
    }
    return labels;
  }

  /**
   * Every label of an SLO's firing alert as Alertmanager receives it from Prometheus evaluating
   * the generated rules: {@code alertname}, the SLO's labels and ids, and the rule's labels.
   * Nines sends its own alerts with the same labels, so one Alertmanager routing tree serves
   * both.
   */
  public static Map<String, String> alertLabels(SloSpec slo, dev.nines.model.Severity severity) {
    Map<String, String> labels = new java.util.TreeMap<>(slo.labels());
    labels.putAll(ids(slo));
    labels.putAll(ruleLabels(slo, severity, false));
    labels.put("alertname", alertName(slo));
    return labels;
  }

  /** {@code assign-courier-success} as {@code AssignCourierSuccess}. */
  static String camel(String name) {
    StringBuilder b = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        b.append(part.substring(0, 1).toUpperCase(java.util.Locale.ROOT)).append(part.substring(1));
      }
    }
    return b.toString();
  }

  /** Whether the rules cover the SLO (its SLI has a PromQL form). */
  public static boolean covered(SloSpec slo) {
    return SliQueries.of(slo, warning -> { }) != null;
  }
}
