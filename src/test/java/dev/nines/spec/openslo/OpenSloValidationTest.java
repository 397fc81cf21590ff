package dev.nines.spec.openslo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nines.model.Severity;
import dev.nines.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every OpenSLO import rule, with the exact message a wrong file gets. */
class OpenSloValidationTest {

  /** An SLO with a Prometheus ratio; lines 13 and 15 hold the window and the objective. */
  static String slo(String window, String objective) {
    return """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: checkout
        spec:
          service: shop
          indicator:
            spec:
              ratioMetric:
                good: {metricSource: {type: Prometheus, spec: {query: good}}}
                total: {metricSource: {type: Prometheus, spec: {query: total}}}
          timeWindow:
            - %s
          objectives:
            - %s
        """.formatted(window, objective);
  }

  static String error(String file, String yaml) {
    return catchThrowableOfType(SpecException.class, () -> OpenSloReader.read(file, yaml))
        .getMessage();
  }

  @Test
  void unknownKindIsNamedWithTheAcceptedKinds() {
    assertThat(error("k.yaml", "apiVersion: openslo/v1\nkind: Slo\nmetadata: {name: x}\nspec: {}\n"))
        .isEqualTo("k.yaml:2:7: kind: Slo is not an openslo/v1 kind. Expected one of "
            + "AlertCondition, AlertNotificationTarget, AlertPolicy, DataSource, SLI, SLO, Service");
  }

  @Test
  void v1AlphaAcceptsOnlySlosAndServices() {
    assertThat(error("a.yaml", "apiVersion: openslo/v1alpha\nkind: SLI\nmetadata: {name: x}\n"
        + "spec: {}\n")).isEqualTo("a.yaml:2:7: kind: SLI is not an openslo/v1alpha kind. "
        + "Expected one of SLO, Service");
  }

  @Test
  void unknownApiVersionIsNamedWithTheAcceptedOnes() {
    assertThat(error("v.yaml", "apiVersion: openslo/v2alpha1\nkind: SLO\n"))
        .isEqualTo("v.yaml:1:13: apiVersion: openslo/v2alpha1 is not supported. Expected "
            + "openslo/v1 or openslo/v1alpha");
  }

  @Test
  void slothSpecPointsToTheSlothImporter() {
    assertThat(error("s.yaml", "version: prometheus/v1\nservice: x\n"))
        .isEqualTo("s.yaml:1:10: version: prometheus/v1 is a Sloth spec, not OpenSLO. Expected "
            + "an OpenSLO document with apiVersion openslo/v1; read Sloth specs with the Sloth "
            + "importer");
  }

  @Test
  void danglingIndicatorRefNamesTheDeclaredSlis() {
    String yaml = """
        apiVersion: openslo/v1
        kind: SLI
        metadata: {name: latency}
        spec:
          thresholdMetric: {metricSource: {type: Prometheus, spec: {query: q}}}
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: checkout}
        spec:
          service: shop
          indicatorRef: latencyy
          timeWindow: [{duration: 28d, isRolling: true}]
          objectives: [{op: lt, value: 0.3, target: 0.99}]
        """;
    assertThat(error("r.yaml", yaml)).isEqualTo("r.yaml:12:17: spec.indicatorRef: latencyy is "
        + "not declared. Expected the name of an SLI in the given files (declared: latency)");
  }

  @Test
  void targetOfOneAndAHalfIsOutOfRange() {
    assertThat(error("t.yaml", slo("{duration: 28d, isRolling: true}", "target: 1.5")))
        .isEqualTo("t.yaml:15:15: spec.objectives[0].target: 1.5 is out of range. Expected "
            + "0 < target < 1, e.g. 0.999 for 99.9 %");
  }

  @Test
  void targetPercentOfAHundredIsOutOfRange() {
    assertThat(error("t.yaml", slo("{duration: 28d, isRolling: true}", "targetPercent: 100")))
        .isEqualTo("t.yaml:15:22: spec.objectives[0].targetPercent: 100 is out of range. "
            + "Expected 0 < targetPercent < 100");
  }

  @Test
  void durationInWordsIsNotShorthand() {
    assertThat(error("d.yaml", slo("{duration: 4 weeks, isRolling: true}", "target: 0.99")))
        .isEqualTo("d.yaml:13:18: spec.timeWindow[0].duration: 4 weeks is not a duration "
            + "shorthand. Expected a whole number and one unit m (minutes), h, d, w, M (months), "
            + "Q or Y, e.g. 28d");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"99999999999999999999d", "999999999999999w", "3651d"})
  void aDurationPastTenYearsIsTooLongNotAnOverflow(String duration) {
    assertThat(error("d.yaml", slo("{duration: " + duration + ", isRolling: true}",
        "target: 0.99"))).isEqualTo("d.yaml:13:18: spec.timeWindow[0].duration: '" + duration
        + "' is too long. Expected at most 3650d");
  }

  @Test
  void rollingMonthHasNoFixedLength() {
    assertThat(error("d.yaml", slo("{duration: 1M, isRolling: true}", "target: 0.99")))
        .isEqualTo("d.yaml:13:18: spec.timeWindow[0].duration: 1M is a calendar period with no "
            + "fixed length. Expected minutes, hours, days or weeks (m, h, d, w), e.g. 30d");
  }

  @Test
  void rollingWindowOfMinutesIsTooShort() {
    assertThat(error("d.yaml", slo("{duration: 30m, isRolling: true}", "target: 0.99")))
        .isEqualTo("d.yaml:13:18: spec.timeWindow[0].duration: 30m is shorter than a day. "
            + "Expected a rolling window of at least 1d (e.g. 28d, 30d) or a calendar period "
            + "(day, week, month, quarter, year); note that m means minutes");
  }

  @Test
  void calendarWindowNeedsAKnownTimeZone() {
    String window = "{duration: 1w, isRolling: false, calendar: {timeZone: Mars/Olympus}}";
    assertThat(error("z.yaml", slo(window, "target: 0.99"))).isEqualTo("z.yaml:13:61: "
        + "spec.timeWindow[0].calendar.timeZone: Mars/Olympus is not a time zone. Expected an "
        + "IANA name, e.g. America/New_York");
  }

  @Test
  void timeslicesNeedASliceTargetAndWindow() {
    String yaml = slo("{duration: 28d, isRolling: true}", "target: 0.99")
        + "  budgetingMethod: Timeslices\n";
    assertThat(error("b.yaml", yaml)).isEqualTo(String.join("\n",
        "b.yaml:15:7: spec.objectives[0].timeSliceTarget: is required. Expected a ratio "
            + "0 < timeSliceTarget <= 1 with Timeslices",
        "b.yaml:15:7: spec.objectives[0].timeSliceWindow: is required. Expected the slice "
            + "length, e.g. 1m"));
  }

  @Test
  void everyProblemOfAFileIsReportedInOnePass() {
    String yaml = slo("{duration: 2x, isRolling: true}", "target: 1.5")
        + "  budgetingMethd: Occurrences\n";
    assertThat(error("p.yaml", yaml)).isEqualTo(String.join("\n",
        "p.yaml:13:18: spec.timeWindow[0].duration: 2x is not a duration shorthand. Expected a "
            + "whole number and one unit m (minutes), h, d, w, M (months), Q or Y, e.g. 28d",
        "p.yaml:15:15: spec.objectives[0].target: 1.5 is out of range. Expected 0 < target < 1, "
            + "e.g. 0.999 for 99.9 %",
        "p.yaml:16:3: spec.budgetingMethd: unknown field. Did you mean 'budgetingMethod'? "
            + "Expected one of alertPolicies, budgetingMethod, description, indicator, "
            + "indicatorRef, objectives, service, timeWindow"));
  }

  @Test
  void problemsOfEveryFileAreReportedTogether() {
    List<OpenSloReader.Source> files = List.of(
        new OpenSloReader.Source("broken.yaml", "kind: [\n"),
        new OpenSloReader.Source("t.yaml", slo("{duration: 28d, isRolling: true}", "target: 2")));
    SpecException e = catchThrowableOfType(SpecException.class, () -> OpenSloReader.read(files));
    assertThat(e.problems()).extracting(p -> p.location().file())
        .containsExactly("broken.yaml", "t.yaml");
  }

  @Test
  void sloNamesMustBeUniqueAcrossFiles() {
    String one = slo("{duration: 28d, isRolling: true}", "target: 0.99");
    SpecException e = catchThrowableOfType(SpecException.class, () -> OpenSloReader.read(List.of(
        new OpenSloReader.Source("a.yaml", one), new OpenSloReader.Source("b.yaml", one))));
    assertThat(e).hasMessage("b.yaml:4:9: metadata.name: checkout is declared twice (first at "
        + "a.yaml:1:1). Expected each SLO name once");
  }

  @Test
  void compositeObjectivesAreRefused() {
    assertThat(error("c.yaml", slo("{duration: 28d, isRolling: true}",
        "{target: 0.99, compositeWeight: 2}"))).isEqualTo("c.yaml:15:39: spec.objectives[0]."
        + "compositeWeight: belongs to a composite SLO, which Nines does not support. Expected "
        + "the indicator on the SLO, or one SLO per indicator");
  }

  @Test
  void rawSuccessRatioOfANonPrometheusSourceIsRefused() {
    String yaml = """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: search}
        spec:
          service: search
          indicator:
            spec:
              ratioMetric:
                rawType: success
                raw: {metricSource: {type: Datadog, spec: {query: "avg:ok.ratio{*}"}}}
          timeWindow: [{duration: 28d, isRolling: true}]
          objectives: [{target: 0.99}]
        """;
    assertThat(error("w.yaml", yaml)).isEqualTo("w.yaml:9:18: spec.indicator.spec.ratioMetric."
        + "rawType: success ratios of datadog cannot be turned into error ratios. Expected "
        + "rawType failure, or a Prometheus query, which Nines reads as 1 - (query)");
  }

  @Test
  void metricSourceRefWithoutTypeMustNameADataSource() {
    String yaml = slo("{duration: 28d, isRolling: true}", "target: 0.99")
        .replace("{type: Prometheus, spec: {query: good}}", "{metricSourceRef: prom, spec: {query: good}}");
    assertThat(error("m.yaml", yaml)).isEqualTo("m.yaml:10:48: spec.indicator.spec.ratioMetric."
        + "good.metricSource.metricSourceRef: prom is not declared. Expected the name of a "
        + "DataSource in the given files (none declared)");
  }

  static String policy(String severity, String op) {
    return slo("{duration: 28d, isRolling: true}", "target: 0.99") + """
          alertPolicies:
            - kind: AlertPolicy
              spec:
                conditions:
                  - kind: AlertCondition
                    spec:
                      severity: %s
                      condition: {kind: burnrate, op: %s, threshold: 2, lookbackWindow: 1h}
        """.formatted(severity, op);
  }

  @ParameterizedTest(name = "severity {0} is a {1}")
  @CsvSource({"page, PAGE", "critical, PAGE", "High, PAGE", "ticket, TICKET", "warning, TICKET",
      "medium, TICKET", "low, TICKET", "info, TICKET"})
  void conditionSeveritiesMapToPageOrTicket(String severity, Severity expected)
      throws SpecException {
    assertThat(OpenSloReader.read("s.yaml", policy(severity, "gt")).slos().get(0).alerting()
        .windows().get(0).severity()).isEqualTo(expected);
  }

  @Test
  void unknownSeverityIsNamedWithTheMapping() {
    assertThat(error("s.yaml", policy("sev1", "gt"))).isEqualTo("s.yaml:22:25: spec."
        + "alertPolicies[0].spec.conditions[0].spec.severity: sev1 is not a known severity. "
        + "Expected page or ticket (critical and high mean page; warning, medium, low and info "
        + "mean ticket)");
  }

  @Test
  void burnRateConditionMustFireAboveItsThreshold() {
    assertThat(error("o.yaml", policy("page", "lte"))).isEqualTo("o.yaml:23:47: spec."
        + "alertPolicies[0].spec.conditions[0].spec.condition.op: lte would alert while the "
        + "burn rate is low. Expected gt (or gte): Nines alerts when the burn rate exceeds the "
        + "threshold");
  }

  @Test
  void sloWithoutIndicatorIsRefused() {
    assertThat(error("i.yaml", """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: checkout}
        spec:
          service: shop
          timeWindow: [{duration: 28d, isRolling: true}]
          objectives: [{target: 0.99}]
        """)).isEqualTo("i.yaml:5:3: spec.indicator: is required. Expected an inline indicator "
        + "or an indicatorRef");
  }

  @Test
  void objectivesWithoutDisplayNamesAreNumberedFromZero() throws SpecException {
    String yaml = slo("{duration: 28d, isRolling: true}", "target: 0.99")
        + "    - target: 0.9\n";
    assertThat(OpenSloReader.read("n.yaml", yaml).slos()).extracting(s -> s.name())
        .containsExactly("checkout-0", "checkout-1");
  }

  @Test
  void objectivesWhoseDisplayNamesGiveTheSameNameAreRefused() {
    String yaml = slo("{duration: 28d, isRolling: true}", "{displayName: Fast!, target: 0.99}")
        + "    - {displayName: fast, target: 0.9}\n";
    assertThat(error("n.yaml", yaml)).isEqualTo("n.yaml:16:21: spec.objectives[1].displayName: "
        + "fast gives a second objective the name checkout-fast. Expected display names that "
        + "differ in letters or digits");
  }

  @Test
  void v1AlphaRollingMonthHasNoFixedLength() {
    assertThat(error("a.yaml", """
        apiVersion: openslo/v1alpha
        kind: SLO
        metadata: {name: s}
        spec:
          service: svc
          budgetingMethod: Occurrences
          timeWindows: [{count: 1, unit: Month}]
          objectives:
            - target: 0.99
              ratioMetrics:
                good: {source: prometheus, queryType: promql, query: g}
                total: {source: prometheus, queryType: promql, query: t}
        """)).isEqualTo("a.yaml:7:34: spec.timeWindows[0].unit: Month has no fixed length for a "
        + "rolling window. Expected Day or Week, or a calendar window");
  }
}
