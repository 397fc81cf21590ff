package dev.nines.spec.openslo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Audience;
import dev.nines.model.Budgeting;
import dev.nines.model.CalendarUnit;
import dev.nines.model.ChannelSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Severity;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.model.Spec;
import dev.nines.model.Target;
import dev.nines.spec.Fixtures;
import dev.nines.spec.Problem;
import dev.nines.spec.Problems;
import dev.nines.spec.SpecException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every file in fixtures/openslo, imported alone or with the objects it refers to. */
class OpenSloReaderTest {
  static final String OCCURRENCES = "openslo/spec-occurrences-slo.yaml";
  static final String RATIO_TIMESLICES = "openslo/spec-ratio-timeslices-slo.yaml";
  static final String CALENDAR = "openslo/spec-timeslices-calendar-slo.yaml";
  static final String SLIS = "openslo/gosdk-v1-slis.yaml";
  static final String DATA_SOURCES = "openslo/gosdk-v1-data-sources.yaml";
  static final String ALERT_POLICIES = "openslo/gosdk-v1-alert-policies.yaml";

  /** An SLO per SLI of the SLIs fixture, by indicatorRef. */
  static final String SLOS_FOR_SLIS = """
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: search}
      spec:
        service: search
        indicatorRef: search-availability
        timeWindow: [{duration: 28d, isRolling: true}]
        objectives: [{target: 0.995}]
      ---
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: end-user}
      spec:
        service: app
        indicatorRef: end-user-response
        timeWindow: [{duration: 28d, isRolling: true}]
        objectives: [{target: 0.9}]
      ---
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: wifi}
      spec:
        service: wifi
        indicatorRef: wifi-client-satisfaction
        timeWindow: [{duration: 28d, isRolling: true}]
        objectives: [{target: 0.95}]
      ---
      apiVersion: openslo/v1
      kind: SLO
      metadata: {name: annotator}
      spec:
        service: annotator
        indicatorRef: annotator-throughput
        timeWindow: [{duration: 28d, isRolling: true}]
        objectives: [{op: lt, value: 100, target: 0.99}]
      """;

  /** The condition and targets the alert policies fixture refers to, and an SLO using all three policies. */
  static final String POLICY_SUPPORT = """
      - apiVersion: openslo/v1
        kind: AlertCondition
        metadata: {name: cpu-usage-breach}
        spec:
          severity: warning
          condition: {kind: burnrate, op: gt, threshold: 1, lookbackWindow: 6h, alertAfter: 0m}
      - apiVersion: openslo/v1
        kind: AlertNotificationTarget
        metadata: {name: on-call-mail-notification}
        spec: {target: email, description: Mails the on-call, to: "env:ONCALL_MAIL"}
      - apiVersion: openslo/v1
        kind: AlertNotificationTarget
        metadata: {name: on-call-pd-notification}
        spec: {target: PagerDuty}
      - apiVersion: openslo/v1
        kind: SLO
        metadata: {name: checkout}
        spec:
          service: shop
          indicator:
            spec:
              ratioMetric:
                good: {metricSource: {type: Prometheus, spec: {query: good}}}
                total: {metricSource: {type: Prometheus, spec: {query: total}}}
          timeWindow: [{duration: 30d, isRolling: true}]
          objectives: [{target: 0.999}]
          alertPolicies:
            - alertPolicyRef: low-priority
            - alertPolicyRef: high-priority
            - alertPolicyRef: medium-priority
      """;

  static Spec read(String fixture) throws SpecException {
    return OpenSloReader.read(Fixtures.name(fixture), Fixtures.read(fixture));
  }

  static OpenSloReader.Source source(String fixture) {
    return new OpenSloReader.Source(Fixtures.name(fixture), Fixtures.read(fixture));
  }

  /** The calendar fixture with its duration corrected from 1m (a minute) to 1M (a month). */
  static String calendarWithOneMonth() {
    return Fixtures.read(CALENDAR).replace("duration: 1m #", "duration: 1M #");
  }

  static MetricQuery query(String type, String ref, String query) {
    return new MetricQuery(type, ref, Map.of("query", query));
  }

  @Test
  void occurrencesFixtureIsALatencySloOf500MillisecondsOverTwoRollingWeeks() throws SpecException {
    Spec spec = read(OCCURRENCES);
    SloSpec slo = spec.slos().get(0);
    assertThat(spec.slos()).hasSize(1);
    assertThat(slo.name()).isEqualTo("search-slo");
    assertThat(slo.service()).isEqualTo("web-shop");
    assertThat(slo.sli().kind()).as("SLI search-latency, op lt, value 500").isEqualTo(SliKind.LATENCY);
    assertThat(slo.sli().threshold()).isEqualTo(Duration.ofMillis(500));
    assertThat(slo.sli().source())
        .isEqualTo(new SliSource.Threshold(query("any", null, "Any"), "lt", 500));
    assertThat(slo.target()).isEqualTo(new Target(new BigDecimal("99")));
    assertThat(slo.window()).isEqualTo(new SloWindow.Rolling(Duration.ofDays(14)));
    assertThat(slo.budgeting()).isEqualTo(Budgeting.OCCURRENCES);
    assertThat(slo.alerting()).as("empty alertPolicies").isNull();
    assertThat(slo.audience()).isEqualTo(Audience.INTERNAL);
    assertThat(spec.services()).containsExactly(
        new ServiceSpec("web-shop", null, null, List.of(), List.of(), Map.of(), 0));
  }

  @Test
  void ratioTimeslicesFixtureIsAGoodOverTotalRatioWithOneMinuteSlices() throws SpecException {
    SloSpec slo = read(RATIO_TIMESLICES).slos().get(0);
    assertThat(slo.name()).isEqualTo("main-page");
    assertThat(slo.description()).isEqualTo("Our main page should be available always");
    assertThat(slo.sli().kind()).isEqualTo(SliKind.AVAILABILITY);
    assertThat(slo.sli().source()).isEqualTo(new SliSource.Ratio(query("any", null, "Any"), null,
        query("any", null, "Any")));
    assertThat(slo.target().percent()).isEqualByComparingTo("99");
    assertThat(slo.budgeting()).isEqualTo(new Budgeting(Budgeting.Method.RATIO_TIMESLICES, null,
        Duration.ofMinutes(1)));
  }

  @Test
  void calendarFixtureFailsBecauseItsOneMonthWindowIsWrittenAsOneMinute() {
    // The file comments "1m" as "1 month", but OpenSLO's m is minutes and M is months.
    SpecException e = catchThrowableOfType(SpecException.class, () -> read(CALENDAR));
    assertThat(e).hasMessage("spec-timeslices-calendar-slo.yaml:27:17: spec.timeWindow[0]."
        + "duration: 1m is one minute: lower-case m means minutes. Expected 1M for a calendar "
        + "month (calendar windows are 1d, 1w, 1M, 1Q or 1Y)");
  }

  @Test
  void calendarFixtureWithOneMonthGivesOneSloPerObjectiveNamedByDisplayName()
      throws SpecException {
    Problems problems = new Problems();
    Spec spec = OpenSloReader.read(List.of(new OpenSloReader.Source("calendar.yaml",
        calendarWithOneMonth())), problems);
    assertThat(spec.slos()).extracting(SloSpec::name).containsExactly(
        "service-availability-internal-objective", "service-availability-sla");
    assertThat(spec.slos()).extracting(s -> s.target().percent().toPlainString())
        .containsExactly("99.5", "99");
    Budgeting slices = new Budgeting(Budgeting.Method.TIMESLICES, new BigDecimal("0.99"),
        Duration.ofMinutes(1));
    assertThat(spec.slos()).allSatisfy(s -> {
      assertThat(s.window()).isEqualTo(new SloWindow.Calendar(CalendarUnit.MONTH,
          ZoneId.of("America/New_York")));
      assertThat(s.budgeting()).isEqualTo(slices);
    });
    assertThat(problems.sorted()).extracting(Problem::toString).containsExactly(
        "calendar.yaml:30:20: spec.timeWindow[0].calendar.startTime: warning: 2022-01-01 "
            + "12:00:00 is not the start of a month. Nines starts every month at local midnight "
            + "on its first day (weeks on Monday), so the start time is ignored");
  }

  @Test
  void slisFixtureAloneImportsNothingAndSaysItsSlisAreUnused() throws SpecException {
    Problems problems = new Problems();
    Spec spec = OpenSloReader.read(List.of(source(SLIS)), problems);
    assertThat(spec.slos()).isEmpty();
    assertThat(problems.sorted()).extracting(Problem::toString).contains(
        "gosdk-v1-slis.yaml:1:3: warning: SLI search-availability is not used by any SLO, so "
            + "it is not imported",
        "gosdk-v1-slis.yaml:82:3: warning: SLI annotator-throughput is not used by any SLO, so "
            + "it is not imported");
  }

  @Test
  void slisFixtureResolvesIndicatorRefsAndDataSourcesAcrossFiles() throws SpecException {
    Problems problems = new Problems();
    Spec spec = OpenSloReader.read(List.of(source(SLIS), source(DATA_SOURCES),
        new OpenSloReader.Source("slos.yaml", SLOS_FOR_SLIS)), problems);
    Map<String, SloSpec> slos = byName(spec);
    assertThat(slos.get("search").sli().source()).isEqualTo(new SliSource.Ratio(
        query("datadog", "my-datadog",
            "sum:trace.http.request.hits.by_http_status{http.status_code:200}.as_count()"), null,
        query("datadog", "my-datadog", "sum:trace.http.request.hits.by_http_status{*}.as_count()")));
    assertThat(slos.get("end-user").sli().source()).isEqualTo(new SliSource.Ratio(null,
        new MetricQuery("appdynamics", "appdynamics", Map.of("applicationName", "my-app",
            "metricPath", "End User Experience|App|Slow Requests")),
        new MetricQuery("appdynamics", "appdynamics", Map.of("applicationName", "my-app",
            "metricPath", "End User Experience|App|Normal Requests"))));
    assertThat(slos.get("annotator").sli().source()).isEqualTo(new SliSource.Threshold(
        query("prometheus", "my-prometheus", "sum(min_over_time(kafka_consumergroup_lag"
            + "{k8s_cluster=\"prod\", consumergroup=\"annotator\", topic=\"annotator-in\"}[2m]))"),
        "lt", 100));
    assertThat(slos.get("wifi").target().percent()).isEqualByComparingTo("95");
    assertThat(problems.sorted()).extracting(Problem::toString).containsExactly(
        undeclared(18, 28, "[0].spec.ratioMetric.good", "my-datadog", "Datadog"),
        undeclared(24, 28, "[0].spec.ratioMetric.total", "my-datadog", "Datadog"),
        undeclared(44, 28, "[1].spec.ratioMetric.bad", "appdynamics", "AppDynamics"),
        undeclared(51, 28, "[1].spec.ratioMetric.total", "appdynamics", "AppDynamics"),
        undeclared(99, 26, "[3].spec.thresholdMetric", "my-prometheus", "Prometheus"));
  }

  @Test
  void rawSuccessRatioBecomesOneMinusTheQueryAsAnErrorRatio() throws SpecException {
    Spec spec = OpenSloReader.read(List.of(source(SLIS), source(DATA_SOURCES),
        new OpenSloReader.Source("slos.yaml", SLOS_FOR_SLIS)));
    assertThat(byName(spec).get("wifi").sli().source()).isEqualTo(new SliSource.RawErrorRatio(
        query("prometheus", "prometheus", """
            1 - (1 - (
              sum(sum_over_time(poller_client_satisfaction_ratio[{{.window}}]))
              /
              sum(count_over_time(poller_client_satisfaction_ratio[{{.window}}]))
            ))""")));
  }

  private static String undeclared(int line, int col, String metric, String ref, String type) {
    return "gosdk-v1-slis.yaml:" + line + ":" + col + ": " + metric + ".metricSource."
        + "metricSourceRef: warning: " + ref + " is not declared in the given files, so its "
        + "type " + type + " is taken on trust. Expected the name of a DataSource (declared: "
        + "datadog, prometheus)";
  }

  @Test
  void dataSourcesFixtureImportsNothingBecauseDataSourcesOnlyResolveReferences()
      throws SpecException {
    Problems problems = new Problems();
    Spec spec = OpenSloReader.read(List.of(source(DATA_SOURCES)), problems);
    assertThat(spec.slos()).isEmpty();
    assertThat(spec.channels()).isEmpty();
    assertThat(problems.sorted()).isEmpty();
  }

  @Test
  void alertPoliciesFixtureAloneFailsOnItsUndeclaredConditionAndTargets() {
    // The Go SDK example refers to a condition and two targets declared in other files.
    SpecException e = catchThrowableOfType(SpecException.class, () -> read(ALERT_POLICIES));
    String none = " in the given files (none declared)";
    assertThat(e.problems()).filteredOn(p -> p.level() == Problem.Level.ERROR)
        .extracting(Problem::toString).containsExactly(
            "gosdk-v1-alert-policies.yaml:16:23: [0].spec.conditions[0].conditionRef: "
                + "cpu-usage-breach is not declared. Expected the name of an AlertCondition" + none,
            "gosdk-v1-alert-policies.yaml:18:20: [0].spec.notificationTargets[0].targetRef: "
                + "on-call-mail-notification is not declared. Expected the name of an "
                + "AlertNotificationTarget" + none,
            "gosdk-v1-alert-policies.yaml:50:20: [1].spec.notificationTargets[0].targetRef: "
                + "on-call-pd-notification is not declared. Expected the name of an "
                + "AlertNotificationTarget" + none,
            "gosdk-v1-alert-policies.yaml:66:23: [2].spec.conditions[0].conditionRef: "
                + "cpu-usage-breach is not declared. Expected the name of an AlertCondition" + none);
  }

  @Test
  void alertPoliciesFixtureWithItsConditionAndTargetsGivesBurnRateWindowsAndChannels()
      throws SpecException {
    Problems problems = new Problems();
    Spec spec = OpenSloReader.read(List.of(source(ALERT_POLICIES),
        new OpenSloReader.Source("support.yaml", POLICY_SUPPORT)), problems);
    AlertWindow cpu = new AlertWindow(Severity.TICKET, Duration.ofHours(6), null, null,
        BigDecimal.ONE);
    AlertWindow memory = new AlertWindow(Severity.PAGE, Duration.ofHours(1), null, null,
        new BigDecimal("2"));
    // The memory condition's alertAfter: 5m becomes the page alert's for.
    assertThat(spec.slos().get(0).alerting()).isEqualTo(new AlertingSpec(null, Map.of(),
        Map.of(), new AlertTarget(true, Map.of(), Map.of(), Duration.ofMinutes(5)),
        AlertTarget.ENABLED, List.of(cpu, memory, cpu)));
    assertThat(spec.channels()).containsExactly(
        new ChannelSpec("on-call-mail-notification", "email", Audience.INTERNAL,
            Map.of("description", "Mails the on-call", "to", "env:ONCALL_MAIL")),
        new ChannelSpec("on-call-pd-notification", "pagerduty", Audience.INTERNAL, Map.of()),
        new ChannelSpec("on-call-slack-notification", "slack", Audience.INTERNAL,
            Map.of("description", "Sends Slack alert to the current on-call")));
    assertThat(problems.sorted()).isEmpty();
  }

  @Test
  void slothsOpenSloV1AlphaFixtureNamesEachObjectiveWithItsIndexAsSlothDoes()
      throws SpecException {
    Spec spec = read("sloth/in-openslo.yaml");
    SloSpec slo = spec.slos().get(0);
    assertThat(slo.name()).isEqualTo("slo1-0");
    assertThat(slo.service()).isEqualTo("svc01");
    assertThat(slo.target().percent().toPlainString()).isEqualTo("99.9");
    assertThat(slo.window()).isEqualTo(new SloWindow.Rolling(Duration.ofDays(30)));
    Map<String, String> total = Map.of("queryType", "promql", "query",
        "sum(rate(http_request_duration_seconds_count{job=\"myservice\"}[{{.window}}]))");
    assertThat(slo.sli().source()).isEqualTo(new SliSource.Ratio(
        new MetricQuery("prometheus", null, Map.of("queryType", "promql", "query",
            "sum(rate(http_request_duration_seconds_count{job=\"myservice\",code!~\"(5..|429)\"}"
                + "[{{.window}}]))")), null, new MetricQuery("prometheus", null, total)));
    assertThat(slo.alerting()).isNull();
  }

  static Map<String, SloSpec> byName(Spec spec) {
    return spec.slos().stream().collect(java.util.stream.Collectors.toMap(SloSpec::name, s -> s));
  }

  static String thresholdSlo(String sliName, String query, String op, String value) {
    return """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: checkout}
        spec:
          service: shop
          indicator:
            metadata: {name: %s}
            spec:
              thresholdMetric:
                metricSource: {type: Prometheus, spec: {query: '%s'}}
          timeWindow: [{duration: 28d, isRolling: true}]
          budgetingMethod: Occurrences
          objectives: [{op: %s, value: %s, target: 0.99}]
        """.formatted(sliName, query, op, value);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} with {2} {3}: {4} {5}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "checkout-latency | histogram_quantile(0.95, rate(x_bucket[5m])) | lt | 300 | latency | PT0.3S",
      "checkout | histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m])) | lte | 0.25 | latency | PT0.25S",
      "checkout-response-time | avg(rt) | lt | 1500 | latency | PT1.5S",
      "checkout-latency | x | gt | 300 | error-ratio | ",
      "consumer-lag | sum(kafka_consumergroup_lag) | lt | 100 | error-ratio | "})
  void aThresholdMetricAboutLatencyImportsAsLatencyWithItsThreshold(String sli, String query,
      String op, String value, String kind, Duration threshold) throws SpecException {
    SloSpec slo = OpenSloReader.read("t.yaml", thresholdSlo(sli, query, op, value)).slos().get(0);
    assertThat(slo.sli().kind().id()).isEqualTo(kind);
    assertThat(slo.sli().threshold()).isEqualTo(threshold);
  }
}
