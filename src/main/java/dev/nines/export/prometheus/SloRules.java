package dev.nines.export.prometheus;

import dev.nines.model.AlertWindow;
import dev.nines.model.SloSpec;
import dev.nines.slo.BurnRateAlerts;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rules of one SLO, as Sloth names them: SLI error ratios per window, metadata
 * (objective, budget, period, burn rates, budget remaining, info) and burn-rate alerts. Each
 * series carries {@code sloth_id}, {@code sloth_service} and {@code sloth_slo}.
 *
 * @param client the client the SLO's service belongs to, or null
 */
record SloRules(SloSpec slo, SliQueries queries, String client, RulesOptions options) {
  private static final BigDecimal DAY_MILLIS = BigDecimal.valueOf(86_400_000L);

  /** The SLO's groups: SLI recordings, meta recordings and, when any alert is on, alerts. */
  List<RuleGroup> groups() {
    List<RuleGroup> out = new ArrayList<>();
    out.add(new RuleGroup(groupName("sli-recordings"), new SliRecordings(this).rules()));
    out.add(new RuleGroup(groupName("meta-recordings"), metaRules()));
    List<Rule> alerts = new AlertRules(this).rules();
    if (!alerts.isEmpty()) {
      out.add(new RuleGroup(groupName("alerts"), alerts));
    }
    return out;
  }

  boolean sloth() {
    return options.sloth() != null;
  }

  /** Sloth's id of the SLO: {@code service-slo}. */
  String id() {
    return RuleNames.sloId(slo);
  }

  /** The SLO window the factors and the period rule use (calendar windows: nominal length). */
  Duration period() {
    return slo.window().nominalLength();
  }

  /** The labels identifying the SLO's series. */
  Map<String, String> ids() {
    return RuleNames.ids(slo);
  }

  /** {@code {sloth_id="...", sloth_service="...", sloth_slo="..."}}. */
  String selector() {
    return RuleNames.selector(slo);
  }

  /** The SLO's labels, the extra labels and the ids, plus {@code more}. */
  Map<String, String> labels(Map<String, String> more) {
    Map<String, String> out = new LinkedHashMap<>(options.extraLabels());
    out.putAll(slo.labels());
    out.putAll(ids());
    out.putAll(more);
    return out;
  }

  /**
   * The look-backs with an SLI recording, shortest first: the SRE Workbook set (5m to 3d) and
   * every window of the SLO's own alert conditions.
   */
  TreeSet<Duration> windows() {
    TreeSet<Duration> out = new TreeSet<>(
        new BurnRateAlerts(AlertWindow.googleDefaults(), period()).lookbacks());
    if (slo.alerting() != null) {
      out.addAll(new BurnRateAlerts(slo.alerting().windows(), period()).lookbacks());
    }
    return out;
  }

  private String groupName(String kind) {
    return (sloth() ? "sloth-slo-" : "nines-slo-") + kind + "-" + id();
  }

  private List<Rule> metaRules() {
    Map<String, String> labels = labels(Map.of());
    String objective = PromQl.number(slo.target().percent().movePointLeft(2));
    String days = PromQl.number(new BigDecimal(period().toMillis()).divide(DAY_MILLIS,
        java.math.MathContext.DECIMAL64));
    return List.of(
        new Rule.Recording(RuleNames.OBJECTIVE, "vector(" + objective + ")", labels),
        new Rule.Recording(RuleNames.ERROR_BUDGET, "vector(1-" + objective + ")", labels),
        new Rule.Recording(RuleNames.TIME_PERIOD_DAYS, "vector(" + days + ")", labels),
        new Rule.Recording(RuleNames.CURRENT_BURN_RATE, burnRate(Duration.ofMinutes(5)), labels),
        new Rule.Recording(RuleNames.PERIOD_BURN_RATE, burnRate(period()), labels),
        new Rule.Recording(RuleNames.PERIOD_BUDGET_REMAINING,
            "1 - " + RuleNames.PERIOD_BURN_RATE + selector(), labels),
        new Rule.Recording(RuleNames.INFO, "vector(1)", labels(infoLabels())));
  }

  private String burnRate(Duration window) {
    return RuleNames.sliErrorRatio(window) + selector() + "\n"
        + "/ on(sloth_id, sloth_slo, sloth_service) group_left\n"
        + RuleNames.ERROR_BUDGET + selector() + "\n";
  }

  private Map<String, String> infoLabels() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("sloth_objective", PromQl.number(slo.target().percent()));
    if (sloth()) {
      out.put("sloth_mode", options.sloth().mode());
      out.put("sloth_spec", options.sloth().spec());
      out.put("sloth_version", options.sloth().version());
    } else {
      out.put("nines_audience", slo.audience().name().toLowerCase(java.util.Locale.ROOT));
      out.put("nines_window", slo.window().id());
      if (client != null) {
        out.put("nines_client", client);
      }
    }
    return out;
  }
}
