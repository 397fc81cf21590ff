package dev.nines.spec.sloth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Severity;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.model.Spec;
import dev.nines.spec.Fixtures;
import dev.nines.spec.SpecException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every Sloth input fixture, and every Sloth import rule with its exact message. */
class SlothReaderTest {
  static final String ERRORS = "sum(rate(http_request_duration_seconds_count{job=\"myservice\","
      + "code=~\"(5..|429)\"}[{{.window}}]))";
  static final String TOTAL =
      "sum(rate(http_request_duration_seconds_count{job=\"myservice\"}[{{.window}}]))";

  static Spec read(String fixture) throws SpecException {
    return SlothReader.read(Fixtures.name(fixture), Fixtures.read(fixture));
  }

  static List<SlothAlertWindows> windows(String fixture) throws SpecException {
    return SlothReader.readAlertWindows(Fixtures.name(fixture), Fixtures.read(fixture));
  }

  static String error(String yaml) {
    return catchThrowableOfType(SpecException.class, () -> SlothReader.read("s.yaml", yaml))
        .getMessage();
  }

  @Test
  void gettingStartedImportsTheEventsSloWithItsAlertRouting() throws SpecException {
    Spec spec = read("sloth/getting-started.in.yml");
    SloSpec slo = spec.slos().get(0);
    assertThat(spec.services()).extracting(s -> s.name()).containsExactly("myservice");
    assertThat(slo.name()).isEqualTo("requests-availability");
    assertThat(slo.service()).isEqualTo("myservice");
    assertThat(slo.description())
        .isEqualTo("Common SLO based on availability for HTTP request responses.");
    assertThat(slo.target().percent().toPlainString()).isEqualTo("99.9");
    assertThat(slo.window()).isEqualTo(new SloWindow.Rolling(Duration.ofDays(30)));
    assertThat(slo.labels()).isEqualTo(
        Map.of("owner", "myteam", "repo", "myorg/myservice", "tier", "2"));
    assertThat(slo.sli().kind()).isEqualTo(SliKind.AVAILABILITY);
    assertThat(slo.sli().source()).isEqualTo(new SliSource.Ratio(null,
        MetricQuery.prometheus(ERRORS), MetricQuery.prometheus(TOTAL)));
    assertThat(slo.alerting()).isEqualTo(new AlertingSpec("MyServiceHighErrorRate",
        Map.of("category", "availability"),
        Map.of("summary", "High error rate on 'myservice' requests responses"),
        new AlertTarget(true, Map.of("severity", "pageteam", "routing_key", "myteam"), Map.of()),
        new AlertTarget(true, Map.of("severity", "slack", "slack_channel", "#alerts-myteam"),
            Map.of()),
        AlertWindow.googleDefaults()));
  }

  @Test
  void inBaseMergesServiceLabelsAndKeepsTheRawSloWithAlertsDisabled() throws SpecException {
    Spec spec = read("sloth/in-base.yaml");
    SloSpec slo1 = spec.slos().get(0);
    SloSpec slo02 = spec.slos().get(1);
    assertThat(slo1.labels()).isEqualTo(Map.of("global01k1", "global01v1", "global02k1",
        "global02v1"));
    assertThat(slo1.alerting().name()).isEqualTo("myServiceAlert");
    assertThat(slo1.alerting().page().labels()).isEqualTo(Map.of("alert03k1", "alert03v1"));
    assertThat(slo1.alerting().ticket().labels()).isEqualTo(Map.of("alert04k1", "alert04v1"));
    assertThat(slo02.name()).isEqualTo("slo02");
    assertThat(slo02.target().percent().toPlainString()).isEqualTo("95");
    assertThat(slo02.labels()).isEqualTo(Map.of("global01k1", "global01v1", "global03k1",
        "global03v1"));
    assertThat(slo02.sli().source()).isEqualTo(new SliSource.RawErrorRatio(
        MetricQuery.prometheus(ERRORS + "\n/\n" + TOTAL + "\n")));
    AlertTarget off = new AlertTarget(false, Map.of(), Map.of());
    assertThat(slo02.alerting()).isEqualTo(new AlertingSpec(null, Map.of(), Map.of(), off, off,
        AlertWindow.googleDefaults()));
  }

  @Test
  void sloLabelsWinOverServiceLabels() throws SpecException {
    Spec spec = SlothReader.read("l.yaml", """
        version: prometheus/v1
        service: svc
        labels: {team: a, tier: "1"}
        slos:
          - name: s
            objective: 99
            labels: {team: b}
            sli: {raw: {error_ratio_query: q}}
            alerting: {page_alert: {disable: true}, ticket_alert: {disable: true}}
        """);
    assertThat(spec.slos().get(0).labels()).isEqualTo(Map.of("team", "b", "tier", "1"));
  }

  @Test
  void defaultPeriodOf28DaysGivesSlothsPageFactor13Point44() throws SpecException {
    Spec spec = SlothReader.read("in-base.yaml", Fixtures.read("sloth/in-base.yaml"),
        Duration.ofDays(28));
    SloSpec slo = spec.slos().get(0);
    assertThat(slo.window()).isEqualTo(new SloWindow.Rolling(Duration.ofDays(28)));
    assertThat(slo.alerting().windows()).extracting(w -> w.factorFor(slo.window().nominalLength()))
        .containsExactly(new BigDecimal("13.44"), new BigDecimal("5.6"), new BigDecimal("2.8"),
            new BigDecimal("0.9333333333333333"));
  }

  @Test
  void googleWindowFilesAreTheSreWorkbookDefaults() throws SpecException {
    assertThat(windows("sloth/windows-google-30d.yaml")).containsExactly(
        new SlothAlertWindows(Duration.ofDays(30), AlertWindow.googleDefaults()));
    assertThat(windows("sloth/windows-google-28d.yaml")).containsExactly(
        new SlothAlertWindows(Duration.ofDays(28), AlertWindow.googleDefaults()));
  }

  @Test
  void sevenDayWindowsKeepTheirBudgetSharesAndWindows() throws SpecException {
    assertThat(windows("sloth/windows-7d.yaml")).containsExactly(new SlothAlertWindows(
        Duration.ofDays(7), List.of(
            AlertWindow.derived(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), "0.08"),
            AlertWindow.derived(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30),
                "0.125"),
            AlertWindow.derived(Severity.TICKET, Duration.ofDays(1), Duration.ofHours(2), "0.2"),
            AlertWindow.derived(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6),
                "0.42"))));
  }

  @Test
  void sevenDayWindowsAppliedToSevenDaySlosGiveSlothsFactors() throws SpecException {
    Spec spec = SlothReader.withAlertWindows(SlothReader.read("in-base.yaml",
        Fixtures.read("sloth/in-base.yaml"), Duration.ofDays(7)), windows("sloth/windows-7d.yaml"));
    SloSpec slo = spec.slos().get(0);
    assertThat(slo.alerting().windows()).extracting(w -> w.factorFor(Duration.ofDays(7)))
        .containsExactly(new BigDecimal("13.44"), new BigDecimal("3.5"), new BigDecimal("1.4"),
            new BigDecimal("0.98"));
  }

  @Test
  void windowsForAnotherPeriodLeaveAnSloAlone() throws SpecException {
    Spec spec = read("sloth/in-base.yaml");
    assertThat(SlothReader.withAlertWindows(spec, windows("sloth/windows-7d.yaml")))
        .isEqualTo(spec);
  }

  @Test
  void openSloV1AlphaFileIsReadAsSlothReadsIt() throws SpecException {
    SloSpec slo = read("sloth/in-openslo.yaml").slos().get(0);
    assertThat(slo.name()).isEqualTo("slo1-0");
    assertThat(slo.target().percent().toPlainString()).isEqualTo("99.9");
    assertThat(slo.sli().source()).isInstanceOf(SliSource.Ratio.class);
  }

  @Test
  void sliPluginsAreRefusedBecauseTheyAreGoCode() {
    assertThat(error("""
        version: prometheus/v1
        service: svc
        slos:
          - name: s
            objective: 99.9
            sli:
              plugin:
                id: sloth-common/kubernetes/apiserver/availability
            alerting: {page_alert: {disable: true}, ticket_alert: {disable: true}}
        """)).isEqualTo("s.yaml:8:9: slos[0].sli.plugin: sloth-common/kubernetes/apiserver/"
        + "availability is an SLI plugin, which Nines does not support: plugins are Go code that "
        + "Sloth runs. Expected sli.events or sli.raw with the plugin's queries written out");
  }

  @Test
  void alertNameIsRequiredWhileAlertsAreEnabled() {
    assertThat(error("""
        version: prometheus/v1
        service: svc
        slos:
          - name: s
            objective: 99.9
            sli: {raw: {error_ratio_query: q}}
            alerting:
              ticket_alert: {disable: true}
        """)).isEqualTo("s.yaml:8:7: slos[0].alerting.name: is required while page or ticket "
        + "alerts are enabled. Expected an alert name, or disable: true on both");
  }

  @Test
  void objectiveOfAHundredLeavesNoBudget() {
    assertThat(error("""
        version: prometheus/v1
        service: svc
        slos:
          - {name: s, objective: 100, sli: {raw: {error_ratio_query: q}}, alerting: {name: A}}
        """)).isEqualTo("s.yaml:4:26: slos[0].objective: 100 is out of range. Expected "
        + "0 < objective < 100 (100 leaves no error budget)");
  }

  @Test
  void eventsAndRawTogetherAreRefused() {
    assertThat(error("""
        version: prometheus/v1
        service: svc
        slos:
          - name: s
            objective: 99
            sli:
              raw: {error_ratio_query: q}
              events: {error_query: e, total_query: t}
            alerting: {name: A}
        """)).isEqualTo("s.yaml:7:7: slos[0].sli: has both events and raw. Expected exactly one "
        + "of events and raw");
  }

  @Test
  void unknownVersionIsNamed() {
    assertThat(error("version: prometheus/v2\nservice: svc\n"))
        .isEqualTo("s.yaml:1:10: version: prometheus/v2 is not supported. Expected prometheus/v1");
  }

  @Test
  void alertWindowsFileIsNotAnSloSpec() {
    assertThat(catchThrowableOfType(SpecException.class, () -> read("sloth/windows-7d.yaml")))
        .hasMessage("windows-7d.yaml:2:7: kind: AlertWindows is not an SLO spec. Expected "
            + "version: prometheus/v1; read alert windows as their own file");
  }

  @Test
  void shortWindowMustBeShorterThanTheLongOne() {
    String yaml = Fixtures.read("sloth/windows-7d.yaml").replace("shortWindow: 5m",
        "shortWindow: 2h");
    assertThatThrownBy(() -> SlothReader.readAlertWindows("w.yaml", yaml))
        .hasMessage("w.yaml:8:20: spec.page.quick.shortWindow: short window 2h is not shorter "
            + "than long window 1h. Expected short < long");
  }

  @Test
  void errorBudgetPercentMustLeaveSomethingToSpend() {
    String yaml = Fixtures.read("sloth/windows-7d.yaml").replace("errorBudgetPercent: 8",
        "errorBudgetPercent: 0");
    assertThatThrownBy(() -> SlothReader.readAlertWindows("w.yaml", yaml))
        .hasMessage("w.yaml:7:27: spec.page.quick.errorBudgetPercent: 0 is out of range. "
            + "Expected 0 < errorBudgetPercent <= 100");
  }
}
