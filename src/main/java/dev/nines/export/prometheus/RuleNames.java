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

  /**
   * The name of the SLO's burn-rate alerts: the spec's {@code alerting.name}, else
   * {@code <CamelCaseSloName>BurnRate}.
   */
  public static String alertName(SloSpec slo) {
    return slo.alerting() != null && slo.alerting().name() != null ? slo.alerting().name()
        : AlertRules.camel(slo.name()) + "BurnRate";
  }

  /** The labels identifying the SLO's series. */
  public static Map<String, String> ids(SloSpec slo) {
    return Map.of("sloth_id", sloId(slo), "sloth_service", slo.service(), "sloth_slo", slo.name());
  }

  /** {@code {sloth_id="...", sloth_service="...", sloth_slo="..."}}. */
  public static String selector(SloSpec slo) {
    return PromQl.selector(ids(slo));
  }

  /** Whether the rules cover the SLO (its SLI has a PromQL form). */
  public static boolean covered(SloSpec slo) {
    return SliQueries.of(slo, warning -> { }) != null;
  }
}
