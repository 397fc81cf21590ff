package dev.nines.spec.openslo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.AlertTarget;
import dev.nines.model.AlertWindow;
import dev.nines.model.AlertingSpec;
import dev.nines.model.Audience;
import dev.nines.model.Budgeting;
import dev.nines.model.CalendarUnit;
import dev.nines.model.ChannelSpec;
import dev.nines.model.ClientSpec;
import dev.nines.model.Contact;
import dev.nines.model.LayerSpec;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.model.EndpointSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Severity;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.model.Spec;
import dev.nines.model.Target;
import dev.nines.spec.Fixtures;
import dev.nines.spec.Problems;
import dev.nines.spec.SpecException;
import dev.nines.spec.sloth.SlothReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Export to OpenSLO v1, checked by importing the export again. */
class OpenSloWriterTest {

  /** An imported fixture (or set of files read together), named for the test report. */
  record Imported(String name, Spec spec) {
    @Override public String toString() {
      return name;
    }
  }

  static Stream<Imported> importedFixtures() throws SpecException {
    String base = Fixtures.read("sloth/in-base.yaml");
    return Stream.of(
        new Imported("occurrences", OpenSloReaderTest.read(OpenSloReaderTest.OCCURRENCES)),
        new Imported("ratio timeslices", OpenSloReaderTest.read(OpenSloReaderTest.RATIO_TIMESLICES)),
        new Imported("calendar with 1M", OpenSloReader.read("calendar.yaml",
            OpenSloReaderTest.calendarWithOneMonth())),
        new Imported("data sources", OpenSloReaderTest.read(OpenSloReaderTest.DATA_SOURCES)),
        new Imported("SLIs with their SLOs", OpenSloReader.read(List.of(
            OpenSloReaderTest.source(OpenSloReaderTest.SLIS),
            OpenSloReaderTest.source(OpenSloReaderTest.DATA_SOURCES),
            new OpenSloReader.Source("slos.yaml", OpenSloReaderTest.SLOS_FOR_SLIS)))),
        new Imported("alert policies with their condition and targets", OpenSloReader.read(
            List.of(OpenSloReaderTest.source(OpenSloReaderTest.ALERT_POLICIES),
                new OpenSloReader.Source("support.yaml", OpenSloReaderTest.POLICY_SUPPORT)))),
        new Imported("Sloth OpenSLO v1alpha", OpenSloReaderTest.read("sloth/in-openslo.yaml")),
        new Imported("Sloth getting started", SlothReader.read("getting-started.in.yml",
            Fixtures.read("sloth/getting-started.in.yml"))),
        new Imported("Sloth base", SlothReader.read("in-base.yaml", base)),
        new Imported("Sloth base, 28d", SlothReader.read("in-base.yaml", base, Duration.ofDays(28))),
        new Imported("Sloth base, 7d windows", SlothReader.withAlertWindows(
            SlothReader.read("in-base.yaml", base, Duration.ofDays(7)),
            SlothReader.readAlertWindows("windows-7d.yaml",
                Fixtures.read("sloth/windows-7d.yaml")))));
  }

  static Spec reimport(Spec spec) throws SpecException {
    Problems problems = new Problems();
    Spec again = OpenSloReader.read(List.of(new OpenSloReader.Source("exported.yaml",
        OpenSloWriter.write(spec))), problems);
    // DataSource objects are not part of the Nines model, so refs to them are kept by name only.
    assertThat(problems.sorted()).as("problems of the export")
        .allMatch(p -> p.message().contains("is not declared in the given files, so its type"));
    return again;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("importedFixtures")
  void exportThenImportGivesTheSameSpec(Imported imported) throws SpecException {
    assertThat(reimport(imported.spec())).isEqualTo(imported.spec());
  }

  @Test
  void writesOneDocumentPerServiceAndSloWithTheIndicatorInline() throws SpecException {
    assertThat(OpenSloWriter.write(OpenSloReaderTest.read(OpenSloReaderTest.RATIO_TIMESLICES)))
        .isEqualTo("""
            ---
            apiVersion: openslo/v1
            kind: Service
            metadata:
              name: web-shop
            spec: {}
            ---
            apiVersion: openslo/v1
            kind: SLO
            metadata:
              name: main-page
            spec:
              description: Our main page should be available always
              service: web-shop
              indicator:
                metadata:
                  name: main-page-sli
                spec:
                  ratioMetric:
                    good:
                      metricSource:
                        type: any
                        spec:
                          query: Any
                    total:
                      metricSource:
                        type: any
                        spec:
                          query: Any
              timeWindow:
                - duration: 14d
                  isRolling: true
              budgetingMethod: RatioTimeslices
              objectives:
                - target: 0.99
                  timeSliceWindow: 1m
            """);
  }

  static Spec nativeSpec() {
    SloSpec courier = new SloSpec("assign-courier", "orders", "/assign-courier",
        "Couriers are assigned fast", new SliSpec(SliKind.LATENCY, Duration.ofMillis(300),
            new SliSource.Events(), Set.of(429)), new Target(new BigDecimal("99.95")),
        new SloWindow.Calendar(CalendarUnit.MONTH, ZoneId.of("Europe/Berlin")), "client:ops",
        "team:sre", "Sellers wait for couriers", Audience.CLIENT, Budgeting.OCCURRENCES,
        AlertingSpec.defaults(), Map.of("tier", "1"));
    AlertingSpec explicit = new AlertingSpec("HomeDown", Map.of("team", "web"), Map.of(),
        AlertTarget.ENABLED, new AlertTarget(false, Map.of(), Map.of()), List.of(
            new AlertWindow(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), null,
                new BigDecimal("14.4"))));
    SloSpec home = new SloSpec("home-uptime", "web", null, null, new SliSpec(SliKind.UPTIME, null,
        new SliSource.Monitors(List.of("home-eu", "home-us"), true), Set.of()),
        new Target(new BigDecimal("99.9")), new SloWindow.Rolling(Duration.ofDays(28)), null,
        null, null, Audience.INTERNAL, new Budgeting(Budgeting.Method.TIMESLICES,
            new BigDecimal("0.95"), Duration.ofMinutes(5)), explicit, Map.of());
    return new Spec(ZoneOffset.UTC, List.of(), List.of(), List.of(
        new ServiceSpec("orders", null, "Order API", List.of(),
            List.of(new EndpointSpec("/assign-courier", "GET", true)), Map.of(), 0),
        new ServiceSpec("web", null, null, List.of(), List.of(), Map.of(), 0)),
        List.of(courier, home), List.of(), List.of(
            new ChannelSpec("oncall", "slack", Audience.INTERNAL, Map.of("webhook", "env:SLACK")),
            new ChannelSpec("client-mail", "email", Audience.CLIENT, Map.of("to", "ops@acme.test"))));
  }

  @Test
  void nativeOnlyFieldsTravelInNinesAnnotationsAndNinesSources() throws SpecException {
    Spec spec = nativeSpec();
    String text = OpenSloWriter.write(spec);
    assertThat(reimport(spec)).isEqualTo(spec);
    assertThat(text).contains("nines.dev/endpoint: /assign-courier", "nines.dev/owner: client:ops",
        "nines.dev/audience: client", "nines.dev/sli-kind: latency",
        "nines.dev/sli-threshold: 300ms", "nines.dev/bad-statuses: \"429\"", "type: Nines",
        "monitors: \"home-eu,home-us\"", "nines.dev/ticket: disabled", "duration: 1M",
        "timeZone: Europe/Berlin", "- targetRef: oncall");
  }

  @Test
  void clientsMonitorsAndServiceDetailsTravelInTheNinesSpecAnnotation() throws SpecException {
    Spec spec = new Spec(ZoneOffset.UTC, List.of("eu"), List.of(new ClientSpec("acme", "Acme",
        List.of(new Contact("Ann", "ann@acme.test", "ops")), true)), List.of(new ServiceSpec(
        "orders", "acme", null, List.of(new LayerSpec("cdn", "cdn")), List.of(), Map.of(), 1)),
        List.of(), List.of(new MonitorSpec("db", "orders", MonitorKind.TCP, MonitorSpec.Depth.DEEP,
            Duration.ofMinutes(1), Duration.ofSeconds(5), 1, Duration.ofSeconds(10), List.of("eu"),
            "db:5432", null, List.of(), null, 0, 0)), List.of());
    assertThat(OpenSloWriter.write(spec)).contains("    nines.dev/spec: |\n", "db:5432", "cdn");
    assertThat(reimport(spec)).isEqualTo(spec);
  }

  @Test
  void aSpecOpenSloSaysInFullGetsNoNinesSpecAnnotation() throws SpecException {
    Spec spec = new Spec(ZoneOffset.UTC, List.of(), List.of(), List.of(new ServiceSpec("orders",
        null, null, List.of(), List.of(), Map.of(), 0)), List.of(), List.of(), List.of());
    assertThat(OpenSloWriter.write(spec)).doesNotContain("nines.dev/spec");
  }
}
