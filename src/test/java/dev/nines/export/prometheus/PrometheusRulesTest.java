package dev.nines.export.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.export.prometheus.RulesOptions.SlothCompat;
import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Audience;
import dev.nines.model.Budgeting;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Severity;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SliSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.model.Spec;
import dev.nines.model.Target;
import dev.nines.spec.SpecReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrometheusRulesTest {
  private static final SliSource EVENTS = new SliSource.Ratio(null,
      MetricQuery.prometheus("sum(rate(errors_total[{{.window}}]))"),
      MetricQuery.prometheus("sum(rate(requests_total[{{.window}}]))"));
  private static final SloWindow DAYS_30 = new SloWindow.Rolling(Duration.ofDays(30));

  @Test
  void anEventsSloReadsNinesEventCountersPerOutcome() throws Exception {
    GeneratedRules rules = logistics(RulesOptions.defaults());

    assertThat(rule(rules, "nines-slo-sli-recordings-platform-fetch-orders-success",
        "slo:sli_error:ratio_rate5m").expr()).isEqualTo("""
        (sum(rate(nines_sli_events_total{outcome="bad", service="platform", slo="fetch-orders-success"}[5m])))
        /
        (sum(rate(nines_sli_events_total{outcome=~"good|bad", service="platform", slo="fetch-orders-success"}[5m])))
        """);
  }

  @Test
  void anUptimeSloReadsNinesTimeCountersOverTheNominalMonth() throws Exception {
    GeneratedRules rules = logistics(RulesOptions.defaults());
    String group = "nines-slo-sli-recordings-platform-platform-availability";

    assertThat(rule(rules, group, "slo:sli_error:ratio_rate1h").expr())
        .contains("nines_sli_time_seconds_total{outcome=\"bad\", service=\"platform\", "
            + "slo=\"platform-availability\"}[1h]");
    assertThat(rule(rules, group, "slo:sli_error:ratio_rate30d")).isNotNull();
    assertThat(rule(rules, "nines-slo-meta-recordings-platform-platform-availability",
        "slo:time_period:days").expr()).isEqualTo("vector(30)");
  }

  @Test
  void theInfoSeriesNamesClientAudienceAndWindowOfNativeSlos() throws Exception {
    Rule info = rule(logistics(RulesOptions.defaults()),
        "nines-slo-meta-recordings-platform-platform-availability", "sloth_slo_info");

    assertThat(info.labels()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
        "layer", "cdn", "nines_audience", "client", "nines_client", "acme", "nines_window", "month",
        "sloth_id", "platform-platform-availability", "sloth_objective", "99.95",
        "sloth_service", "platform", "sloth_slo", "platform-availability")));
  }

  @Test
  void theWindowRatioSumsRecordedEventRatesSoItIsEventWeighted() {
    GeneratedRules rules = generate(RulesOptions.defaults(), slo("orders", EVENTS, DAYS_30, null));
    List<String> names = group(rules, "nines-slo-sli-recordings-api-orders").rules().stream()
        .map(Rule::name).toList();

    assertThat(names).containsExactly("slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate30m",
        "slo:sli_error:ratio_rate1h", "slo:sli_error:ratio_rate2h", "slo:sli_error:ratio_rate6h",
        "slo:sli_error:ratio_rate1d", "slo:sli_error:ratio_rate3d", "slo:sli_error_events:rate5m",
        "slo:sli_total_events:rate5m", "slo:sli_error:ratio_rate30d");
    assertThat(rule(rules, "nines-slo-sli-recordings-api-orders", "slo:sli_error:ratio_rate30d")
        .expr()).isEqualTo("""
        sum_over_time(slo:sli_error_events:rate5m{sloth_id="api-orders", sloth_service="api", sloth_slo="orders"}[30d])
        / ignoring (sloth_window)
        sum_over_time(slo:sli_total_events:rate5m{sloth_id="api-orders", sloth_service="api", sloth_slo="orders"}[30d])
        """);
  }

  @Test
  void aGoodQueryRecordsItsErrorEventsAsTotalMinusGood() {
    SliSource good = new SliSource.Ratio(MetricQuery.prometheus("sum(rate(ok[{{.window}}]))"),
        null, MetricQuery.prometheus("sum(rate(all[{{.window}}]))"));
    GeneratedRules rules = generate(RulesOptions.defaults(), slo("orders", good, DAYS_30, null));

    assertThat(rule(rules, "nines-slo-sli-recordings-api-orders", "slo:sli_error_events:rate5m")
        .expr()).isEqualTo("(sum(rate(all[5m])))\n-\n(sum(rate(ok[5m])))\n");
  }

  @Test
  void aRawRatioIsEvaluatedOverTheWholeWindowAndCannotBeGuarded() {
    SliSource raw = new SliSource.RawErrorRatio(MetricQuery.prometheus("1 - avg_over_time(up[{{.window}}])"));
    GeneratedRules rules = generate(RulesOptions.defaults().withMinEvents(10),
        slo("orders", raw, DAYS_30, AlertingSpec.defaults()));

    assertThat(rule(rules, "nines-slo-sli-recordings-api-orders", "slo:sli_error:ratio_rate30d")
        .expr()).isEqualTo("(1 - avg_over_time(up[30d]))");
    assertThat(rules.warnings()).containsExactly("slo orders (service api): no minimum-traffic "
        + "guard: a raw error ratio has no event count. Expected events (error and total "
        + "queries) for the guard");
    assertThat(rule(rules, "nines-slo-alerts-api-orders", "OrdersBurnRate").expr())
        .doesNotContain("and on()");
  }

  @Test
  void slothModeAveragesTheFiveMinuteRatiosAsSlothDoes() {
    GeneratedRules rules = generate(RulesOptions.sloth(SlothCompat.of("prometheus/v1", "dev")),
        slo("orders", EVENTS, DAYS_30, null));

    assertThat(rule(rules, "sloth-slo-sli-recordings-api-orders", "slo:sli_error:ratio_rate30d")
        .expr()).isEqualTo("""
        sum_over_time(slo:sli_error:ratio_rate5m{sloth_id="api-orders", sloth_service="api", sloth_slo="orders"}[30d])
        / ignoring (sloth_window)
        count_over_time(slo:sli_error:ratio_rate5m{sloth_id="api-orders", sloth_service="api", sloth_slo="orders"}[30d])
        """);
    assertThat(group(rules, "sloth-slo-sli-recordings-api-orders").rules()).hasSize(8);
  }

  @Test
  void customAlertWindowsAddTheirLookbacksInOrder() {
    AlertingSpec alerting = new AlertingSpec("OrdersBurn", Map.of(), Map.of(), AlertTarget.ENABLED,
        AlertTarget.ENABLED, List.of(AlertWindow.derived(Severity.PAGE, Duration.ofHours(4),
            Duration.ofMinutes(10), "0.05")));
    GeneratedRules rules = generate(RulesOptions.defaults(), slo("orders", EVENTS, DAYS_30, alerting));

    assertThat(group(rules, "nines-slo-sli-recordings-api-orders").rules().stream()
        .map(r -> r.labels().get("sloth_window")).distinct().toList())
        .containsExactly("5m", "10m", "30m", "1h", "2h", "4h", "6h", "1d", "3d", "30d");
    assertThat(rule(rules, "nines-slo-alerts-api-orders", "OrdersBurn").expr()).isEqualTo("""
        (
            max(slo:sli_error:ratio_rate10m{sloth_id="api-orders", sloth_service="api", sloth_slo="orders"} > (9 * 0.001)) without (sloth_window)
            and
            max(slo:sli_error:ratio_rate4h{sloth_id="api-orders", sloth_service="api", sloth_slo="orders"} > (9 * 0.001)) without (sloth_window)
        )
        """);
    assertThat(group(rules, "nines-slo-alerts-api-orders").rules()).hasSize(1);
  }

  @Test
  void aWindowThatIsAlsoALookbackIsRecordedOnce() {
    GeneratedRules rules = generate(RulesOptions.defaults(),
        slo("orders", EVENTS, new SloWindow.Rolling(Duration.ofDays(3)), null));

    assertThat(group(rules, "nines-slo-sli-recordings-api-orders").rules().stream()
        .filter(r -> r.name().equals("slo:sli_error:ratio_rate3d"))).hasSize(1);
    assertThat(rule(rules, "nines-slo-meta-recordings-api-orders", "slo:period_burn_rate:ratio")
        .expr()).startsWith("slo:sli_error:ratio_rate3d{");
  }

  @Test
  void factorsScaleWithTheWindowAsAlertWindowDerivesThem() {
    GeneratedRules rules = generate(RulesOptions.defaults(), slo("orders", EVENTS,
        new SloWindow.Rolling(Duration.ofDays(28)), AlertingSpec.defaults()));

    String page = group(rules, "nines-slo-alerts-api-orders").rules().get(0).expr();
    assertThat(page).contains("> (13.44 * 0.001)").contains("> (5.6 * 0.001)");
  }

  @Test
  void alertsGetANameFromTheSloAndASeverityUnlessTheSpecGivesThem() {
    AlertingSpec alerting = new AlertingSpec(null, Map.of("team", "sre"), Map.of(),
        new AlertTarget(true, Map.of("severity", "critical"), Map.of("runbook", "https://rb")),
        AlertTarget.ENABLED, AlertWindow.googleDefaults());
    List<Rule> alerts = group(generate(RulesOptions.defaults(),
        slo("assign-courier", EVENTS, DAYS_30, alerting)), "nines-slo-alerts-api-assign-courier").rules();

    assertThat(alerts).extracting(Rule::name)
        .containsExactly("AssignCourierBurnRate", "AssignCourierBurnRate");
    assertThat(alerts.get(0).labels()).containsExactlyEntriesOf(new java.util.TreeMap<>(
        Map.of("severity", "critical", "sloth_severity", "page", "team", "sre")));
    assertThat(alerts.get(1).labels()).containsExactlyEntriesOf(new java.util.TreeMap<>(
        Map.of("severity", "ticket", "sloth_severity", "ticket", "team", "sre")));
    assertThat(((Rule.Alert) alerts.get(0)).annotations()).containsEntry("runbook", "https://rb");
  }

  @Test
  void bothAlertsDisabledLeaveNoAlertGroup() {
    AlertTarget off = new AlertTarget(false, Map.of(), Map.of());
    AlertingSpec alerting = new AlertingSpec(null, Map.of(), Map.of(), off, off,
        AlertWindow.googleDefaults());
    GeneratedRules rules = generate(RulesOptions.defaults(), slo("orders", EVENTS, DAYS_30, alerting));

    assertThat(rules.groups()).extracting(RuleGroup::name).containsExactly(
        "nines-slo-sli-recordings-api-orders", "nines-slo-meta-recordings-api-orders",
        BaselineRules.GROUP);
  }

  @Test
  void theMinimumTrafficGuardCountsValidEventsOverEachLongWindow() {
    GeneratedRules rules = generate(RulesOptions.defaults().withMinEvents(500),
        slo("orders", EVENTS, DAYS_30, AlertingSpec.defaults()));

    assertThat(group(rules, "nines-slo-alerts-api-orders").rules().get(1).expr())
        .contains("    and on()\n    (sum(rate(requests_total[1d])) * 86400 >= 500)\n")
        .contains("    and on()\n    (sum(rate(requests_total[3d])) * 259200 >= 500)\n");
  }

  @Test
  void theSpecsOwnGuardAndForGoIntoTheRules() {
    AlertingSpec alerting = new AlertingSpec(null, Map.of(), Map.of(),
        new AlertTarget(true, Map.of(), Map.of(), Duration.ofMinutes(5)), AlertTarget.ENABLED,
        AlertWindow.googleDefaults(), 300L);
    GeneratedRules rules = generate(RulesOptions.defaults(),
        slo("orders", EVENTS, DAYS_30, alerting));
    Rule.Alert page = (Rule.Alert) group(rules, "nines-slo-alerts-api-orders").rules().get(0);
    Rule.Alert ticket = (Rule.Alert) group(rules, "nines-slo-alerts-api-orders").rules().get(1);

    assertThat(page.forDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(ticket.forDuration()).isNull();
    assertThat(page.expr()).contains("(sum(rate(requests_total[1h])) * 3600 >= 300)");
  }

  @Test
  void theAbsentAlertWatchesTheFiveMinuteRatio() {
    GeneratedRules rules = generate(RulesOptions.defaults().withAbsentFor(Duration.ofMinutes(20)),
        slo("orders", EVENTS, DAYS_30, null));
    Rule.Alert absent = (Rule.Alert) rule(rules, "nines-slo-alerts-api-orders", "OrdersSLIAbsent");

    assertThat(absent.expr()).isEqualTo("absent(slo:sli_error:ratio_rate5m{sloth_id=\"api-orders\", "
        + "sloth_service=\"api\", sloth_slo=\"orders\"})");
    assertThat(absent.forDuration()).isEqualTo(Duration.ofMinutes(20));
    assertThat(absent.labels()).containsExactly(Map.entry("severity", "ticket"));
  }

  @Test
  void theBaselinePackIsOnByDefaultAndOffInSlothMode() {
    SloSpec orders = slo("orders", EVENTS, DAYS_30, null);

    assertThat(generate(RulesOptions.defaults(), orders).groups()).extracting(RuleGroup::name)
        .contains(BaselineRules.GROUP);
    assertThat(generate(RulesOptions.sloth(SlothCompat.of("prometheus/v1", "dev")), orders)
        .groups()).extracting(RuleGroup::name).doesNotContain(BaselineRules.GROUP);
    assertThat(BaselineRules.group().rules()).extracting(Rule::name).containsExactly("TargetDown",
        "NodeDiskAlmostFull", "NodeMemoryHigh", "ContainerOOMKilled", "ContainerRestartingOften",
        "ContainerMemoryNearLimit");
  }

  @Test
  void slisWithoutAPromqlFormAreSkippedWithAWarningEach() {
    SliSource datadog = new SliSource.Ratio(null, new MetricQuery("datadog", null, Map.of("query", "a")),
        new MetricQuery("datadog", null, Map.of("query", "b")));
    SliSource threshold = new SliSource.Threshold(MetricQuery.prometheus("latency"), "lt", 0.5);
    GeneratedRules rules = generate(RulesOptions.defaults().withBaseline(false),
        slo("dd", datadog, DAYS_30, null), slo("lat", threshold, DAYS_30, null));

    assertThat(rules.groups()).isEmpty();
    assertThat(rules.warnings()).containsExactly(
        "slo dd (service api): skipped: its metrics come from datadog, not Prometheus. Expected "
            + "a prometheus source",
        "slo lat (service api): skipped: a threshold metric has no error-ratio form in PromQL. "
            + "Expected a ratio of good or bad over total events, or an error-ratio query");
  }

  @Test
  void timeSliceSlosAreRecordedOverTheirSlicesAndSkippedOnlyForSloth() {
    SloSpec slices = withBudgeting(slo("slices", EVENTS, DAYS_30, null),
        new Budgeting(Budgeting.Method.TIMESLICES, new BigDecimal("0.95"), Duration.ofMinutes(1)));
    SloSpec ratio = withBudgeting(slo("ratios", EVENTS, DAYS_30, null),
        new Budgeting(Budgeting.Method.RATIO_TIMESLICES, null, Duration.ofMinutes(5)));

    GeneratedRules rules = generate(RulesOptions.defaults().withBaseline(false), slices, ratio);

    assertThat(rules.warnings()).isEmpty();
    assertThat(rule(rules, "nines-slo-sli-recordings-api-slices", "slo:sli_error:ratio_rate1h")
        .expr()).isEqualTo("1 - avg_over_time(((slo:sli_error:ratio_rate1m{sloth_id=\"api-slices\", "
            + "sloth_service=\"api\", sloth_slo=\"slices\"} <= bool 0.05) and (slo:sli_error:"
            + "ratio_rate1m{sloth_id=\"api-slices\", sloth_service=\"api\", sloth_slo=\"slices\"} "
            + "== slo:sli_error:ratio_rate1m{sloth_id=\"api-slices\", sloth_service=\"api\", "
            + "sloth_slo=\"slices\"}))[3599s:1m])");
    assertThat(rule(rules, "nines-slo-sli-recordings-api-ratios", "slo:sli_error:ratio_rate30d")
        .expr()).startsWith("avg_over_time((slo:sli_error:ratio_rate5m{").endsWith("[2591999s:5m])");
    assertThat(generate(RulesOptions.sloth(RulesOptions.SlothCompat.of("prometheus/v1",
        "dev")).withBaseline(false), slices).warnings()).containsExactly("slo slices (service api): "
        + "skipped: budgeting TIMESLICES counts time slices, which Sloth does not. Expected "
        + "OCCURRENCES with --sloth-compat");
  }

  @Test
  void aQueryWithoutTheWindowPlaceholderIsWarnedAbout() {
    SliSource fixed = new SliSource.Ratio(null, MetricQuery.prometheus("sum(rate(errors_total[5m]))"),
        MetricQuery.prometheus("sum(rate(requests_total[5m]))"));
    GeneratedRules rules = generate(RulesOptions.defaults(), slo("orders", fixed, DAYS_30, null));

    assertThat(rules.warnings()).containsExactly("slo orders (service api): a query has no "
        + "{{.window}} placeholder, so every window reads the same range. Expected [{{.window}}] "
        + "in each range selector");
  }

  @Test
  void extraLabelsGoOnRecordingsButNotOnAlerts() {
    GeneratedRules rules = generate(RulesOptions.defaults().withExtraLabels(Map.of("cmd", "ci")),
        slo("orders", EVENTS, DAYS_30, AlertingSpec.defaults()));

    assertThat(rule(rules, "nines-slo-sli-recordings-api-orders", "slo:sli_error:ratio_rate5m")
        .labels()).containsEntry("cmd", "ci");
    assertThat(rule(rules, "nines-slo-meta-recordings-api-orders", "slo:objective:ratio")
        .labels()).containsEntry("cmd", "ci");
    assertThat(rule(rules, "nines-slo-alerts-api-orders", "OrdersBurnRate").labels())
        .doesNotContainKey("cmd");
  }

  @Test
  void optionsRejectLabelsPrometheusOrSlothWouldMisread() {
    assertThatThrownBy(() -> RulesOptions.defaults().withExtraLabels(Map.of("1st", "x")))
        .hasMessage("label 1st is not a Prometheus label name. Expected letters, digits and "
            + "underscores, not starting with a digit or __");
    assertThatThrownBy(() -> RulesOptions.defaults().withExtraLabels(Map.of("sloth_id", "x")))
        .hasMessage("label sloth_id is reserved. Expected a name not starting with sloth_");
    assertThatThrownBy(() -> RulesOptions.defaults().withMinEvents(-1))
        .hasMessage("min events -1 is negative. Expected 0 (no guard) or more");
    assertThatThrownBy(() -> RulesOptions.defaults().withAbsentFor(Duration.ZERO))
        .hasMessage("absent-for PT0S is not positive. Expected a duration such as 15m");
  }

  @Test
  void slothCompatModesFollowTheInputFormat() {
    assertThat(SlothCompat.of("prometheus/v1", "v0.16.0").mode()).isEqualTo("cli-gen-prom");
    assertThat(SlothCompat.of("openslo/v1alpha", "dev").mode()).isEqualTo("cli-gen-openslo");
    assertThat(SlothCompat.of("nines/v1", "dev").mode()).isEqualTo("cli-gen-nines");
  }

  private static GeneratedRules logistics(RulesOptions options) throws Exception {
    return PrometheusRules.generate(SpecReader.read(Path.of("examples/logistics.yaml")).spec(), options);
  }

  static SloSpec slo(String name, SliSource source, SloWindow window, AlertingSpec alerting) {
    return new SloSpec(name, "api", null, null,
        new SliSpec(SliKind.AVAILABILITY, null, source, Set.of()), Target.parse("99.9"), window,
        null, null, null, Audience.INTERNAL, Budgeting.OCCURRENCES, alerting, Map.of());
  }

  private static SloSpec withBudgeting(SloSpec s, Budgeting b) {
    return new SloSpec(s.name(), s.service(), s.endpoint(), s.description(), s.sli(), s.target(),
        s.window(), s.owner(), s.approver(), s.reason(), s.audience(), b, s.alerting(), s.labels());
  }

  private static GeneratedRules generate(RulesOptions options, SloSpec... slos) {
    Spec spec = new Spec(ZoneOffset.UTC, List.of("local"), List.of(), List.of(new ServiceSpec(
        "api", null, null, List.of(), List.of(), Map.of(), 0)), List.of(slos), List.of(), List.of());
    return PrometheusRules.generate(spec, options);
  }

  private static RuleGroup group(GeneratedRules rules, String name) {
    return rules.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }

  private static Rule rule(GeneratedRules rules, String group, String name) {
    return group(rules, group).rules().stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow();
  }
}
