package dev.nines.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nines.model.CalendarUnit;
import dev.nines.model.MonitorKind;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.model.Spec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SpecReaderTest {

  private static final String BASE = """
      apiVersion: nines/v1
      regions: [eu, us]
      clients:
        - name: acme
      services:
        - name: platform
          client: acme
          endpoints:
            - {path: /fetch-orders, critical: true}
            - {path: /faq}
      monitors:
        - name: health
          service: platform
          kind: http
          request: {url: "https://example.com/healthz"}
      slos:
        - name: fetch
          service: platform
          endpoint: /fetch-orders
          sli: {kind: availability}
          target: 99.9
          window: 30d
          owner: client
      """;

  @Test
  void readsTheLogisticsExample() throws Exception {
    Spec spec = SpecReader.read(Path.of("examples/logistics.yaml")).spec();
    assertThat(spec.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(spec.regions()).containsExactly("eu-central", "us-east", "ap-south");
    assertThat(spec.slos()).extracting(SloSpec::name).containsExactly(
        "fetch-orders-success", "assign-courier-success", "assign-courier-latency",
        "track-delivery-fast", "track-delivery-freshness", "platform-availability",
        "order-to-tracking-journey", "edge-availability", "load-balancer-availability",
        "ingress-availability");
    SloSpec latency = spec.slos().get(2);
    assertThat(latency.sli().kind()).isEqualTo(SliKind.LATENCY);
    assertThat(latency.sli().threshold()).isEqualTo(Duration.ofMillis(300));
    assertThat(latency.target().percent()).isEqualByComparingTo(new BigDecimal("95"));
    SloSpec platform = spec.slos().get(5);
    assertThat(platform.window()).isEqualTo(
        new SloWindow.Calendar(CalendarUnit.MONTH, ZoneId.of("Europe/Berlin")));
    assertThat(platform.sli().source()).isEqualTo(
        new SliSource.Monitors(List.of("platform-health", "platform-deep"), false));
    assertThat(spec.monitors()).extracting(m -> m.kind()).contains(MonitorKind.JOURNEY,
        MonitorKind.TLS);
    assertThat(spec.monitors().get(2).steps()).hasSize(3);
    assertThat(spec.monitors().get(2).budget()).isEqualTo(Duration.ofSeconds(60));
    assertThat(spec.slos().get(0).alerting().windows()).hasSize(4);
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        Arguments.of("a target of 101", "target: 99.9", "target: 101",
            "t.yaml:21:13: slos[0].target: 101 is out of range. Expected 0 < target < 100"),
        Arguments.of("an unknown SLI kind", "kind: availability", "kind: uptimee",
            "t.yaml:20:17: slos[0].sli.kind: 'uptimee' is not an SLI kind. Expected one of "
                + "availability, latency, error-ratio, freshness, uptime, journey"),
        Arguments.of("a window of 1m meant as a month", "window: 30d", "window: 1m",
            "t.yaml:22:13: slos[0].window: 1m is shorter than a day. Expected a rolling window "
                + "of at least 1d (e.g. 28d, 30d) or a calendar period (day, week, month, "
                + "quarter, year); note that m means minutes"),
        Arguments.of("a monitor of a missing service", "service: platform\n    kind: http",
            "service: plaform\n    kind: http",
            "t.yaml:13:14: monitors[0].service: unknown service 'plaform'. Expected one "
                + "declared under services"),
        Arguments.of("a misspelt field", "owner: client", "ownr: client",
            "t.yaml:23:5: slos[0].ownr: unknown field. Did you mean 'owner'? Expected one of "
                + "alerting, approver, audience, budgeting, description, displayName, endpoint, labels, maintenance, "
                + "name, owner, reason, service, sli, target, window"),
        Arguments.of("an unknown endpoint", "endpoint: /fetch-orders", "endpoint: /orders",
            "t.yaml:19:15: slos[0].endpoint: unknown endpoint '/orders' of service 'platform'. "
                + "Expected one listed under its endpoints"),
        Arguments.of("a latency SLI without threshold", "kind: availability", "kind: latency",
            "t.yaml:20:10: slos[0].sli.threshold: is required for latency SLIs. Expected a "
                + "duration such as 300ms or 5m"),
        Arguments.of("a bad attribution rule", "client: acme\n", "client: acme\n    attribution: {OK->MAYBE: up}\n",
            "t.yaml:8:19: services[0].attribution.OK->MAYBE: not a transition. Expected "
                + "FROM->TO with FROM and TO in OK, UNKNOWN, ERROR"),
        Arguments.of("a monitor region not declared", "kind: http\n", "kind: http\n    regions: [mars]\n",
            "t.yaml:15:14: monitors[0].regions: unknown region 'mars'. Expected one of eu, us"),
        Arguments.of("an interval of 99999999999 days", "kind: http\n",
            "kind: http\n    interval: 99999999999d\n",
            "t.yaml:15:15: monitors[0].interval: '99999999999d' is out of range. Expected 1s to 1d"),
        Arguments.of("an interval of two days", "kind: http\n", "kind: http\n    interval: 2d\n",
            "t.yaml:15:15: monitors[0].interval: '2d' is out of range. Expected 1s to 1d"),
        Arguments.of("a retry interval of Long.MAX_VALUE ms", "kind: http\n",
            "kind: http\n    retryInterval: 9223372036854775807ms\n",
            "t.yaml:15:20: monitors[0].retryInterval: '9223372036854775807ms' is out of range. "
                + "Expected 100ms to 1h"),
        Arguments.of("retries beyond an int", "kind: http\n", "kind: http\n    retries: 2147483648\n",
            "t.yaml:15:14: monitors[0].retries: 2147483648 is out of range. Expected 0 to 10"),
        Arguments.of("a window that overflows a long", "window: 30d", "window: 99999999999999d",
            "t.yaml:22:13: slos[0].window: '99999999999999d' is out of range. Expected a rolling "
                + "window of 1d to 400d (what Nines keeps) or a calendar period"),
        Arguments.of("a window longer than what is kept", "window: 30d", "window: 500d",
            "t.yaml:22:13: slos[0].window: 500d is longer than 400d, the minute buckets Nines "
                + "keeps. Expected a rolling window of 1d to 400d or a calendar period"),
        Arguments.of("a quorum above the regions", "client: acme\n", "client: acme\n    quorum: 5\n",
            "t.yaml:8:13: services[0].quorum: 5 is out of range. Expected 0 (a majority) to 2, "
                + "the regions of the spec"),
        Arguments.of("a latency threshold of two days", "kind: availability",
            "kind: latency, threshold: 2d",
            "t.yaml:20:37: slos[0].sli.threshold: '2d' is out of range. Expected 1ms to 1d"),
        Arguments.of("a bad status that is no HTTP status", "kind: availability",
            "kind: availability, badStatuses: [7000]",
            "t.yaml:20:44: slos[0].sli.badStatuses: '7000' is not an HTTP status. Expected 100 "
                + "to 599"),
        Arguments.of("an alert window of 9999 days", "owner: client",
            "owner: client\n    alerting: {windows: [{severity: page, long: 9999d, budgetConsumed: 2%}]}",
            "t.yaml:24:49: slos[0].alerting.windows[0].long: '9999d' is out of range. Expected "
                + "1m to 400d"),
        Arguments.of("maintenance in year 300000000", "owner: client\n",
            "owner: client\nmaintenance:\n  - {service: platform, start: \"+300000000-01-01T00:00:00Z\", "
                + "end: \"+300000001-01-01T00:00:00Z\"}\n",
            "t.yaml:25:32: maintenance[0].start: '+300000000-01-01T00:00:00Z' is out of range. "
                + "Expected a time in the years 1970 to 9999"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void reportsEachRuleWithFileLineColumnAndPath(String what, String from, String to,
      String expected) {
    assertThat(BASE).contains(from);
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> SpecReader.read("t.yaml", BASE.replace(from, to)));
    assertThat(e).as(what).isNotNull();
    assertThat(e.problems()).extracting(Problem::toString).contains(expected);
  }

  @Test
  void duplicateNamesPointAtTheFirstDeclaration() {
    String twice = BASE + """
          - name: fetch
            service: platform
            sli: {kind: availability}
            target: 99
            window: week
            owner: client
        """;
    SpecException e = catchThrowableOfType(SpecException.class, () -> SpecReader.read("t.yaml", twice));
    assertThat(e.getMessage()).isEqualTo(
        "t.yaml:24:11: slos[1].name: duplicate SLO 'fetch'. First declared at line 17");
  }

  @Test
  void reportsEveryProblemInOnePassInFileOrder() {
    String bad = BASE.replace("target: 99.9", "target: 0").replace("window: 30d", "window: 1m")
        .replace("kind: http", "kind: ftp").replace("client: acme", "client: nobody");
    SpecException e = catchThrowableOfType(SpecException.class, () -> SpecReader.read("t.yaml", bad));
    assertThat(e.problems()).extracting(Problem::path).containsExactly(
        "services[0].client", "monitors[0].kind", "slos[0].target", "slos[0].window");
  }

  @Test
  void secretsMustBeReferencesNotValues() {
    String withChannel = BASE + """
        channels:
          - {name: oncall, kind: webhook, url: "https://hooks.example.com/abc"}
        """;
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> SpecReader.read("t.yaml", withChannel));
    assertThat(e.getMessage()).isEqualTo("t.yaml:25:40: channels[0].url: is a secret written "
        + "in the spec. Expected a reference env:NAME or file:PATH");
  }

  @Test
  void calendarWindowTakesItsOwnZone() throws SpecException {
    Spec spec = SpecReader.read("t.yaml", BASE.replace("window: 30d",
        "window: {calendar: quarter, timeZone: America/New_York}")).spec();
    assertThat(spec.slos().get(0).window()).isEqualTo(
        new SloWindow.Calendar(CalendarUnit.QUARTER, ZoneId.of("America/New_York")));
  }

  @Test
  void lintWarnsOnSlosForNonCriticalEndpoints() throws SpecException {
    ParsedSpec parsed = SpecReader.read("t.yaml", BASE.replace("endpoint: /fetch-orders",
        "endpoint: /faq"));
    assertThat(SpecLinter.lint(parsed, "t.yaml")).extracting(Problem::toString).containsExactly(
        "t.yaml:17:5: slos[0]: warning: SLO 'fetch' is on non-critical endpoint /faq. Expected "
            + "SLOs only on critical endpoints; monitor the others without an SLO");
  }

  @Test
  void lintWarnsAboveFiveSlosPerClient() throws Exception {
    String allForTheClient = java.nio.file.Files.readString(Path.of("examples/logistics.yaml"))
        .replace("audience: internal           #", "audience: client           #");
    ParsedSpec parsed = SpecReader.read("examples/logistics.yaml", allForTheClient);
    assertThat(SpecLinter.lint(parsed, "examples/logistics.yaml")).extracting(Problem::message)
        .containsExactly("client 'acme' has 7 SLOs. Expected at most 5: keep SLOs for the few "
            + "things that matter, and watch the rest without SLOs");
  }

  @Test
  void lintCountsOnlyClientSlosTowardsTheFivePerClient() throws Exception {
    String text = java.nio.file.Files.readString(Path.of("examples/logistics.yaml"))
        .replace("audience: internal           #", "audience: client           #");
    int from = text.indexOf("  - name: platform-availability");
    int to = text.indexOf("\nmonitors:");
    String twoInternal = text.substring(0, from) + text.substring(from, to)
        .replace("audience: client", "audience: internal") + text.substring(to);
    ParsedSpec parsed = SpecReader.read("t.yaml", twoInternal);
    assertThat(parsed.spec().slos()).hasSize(10);
    assertThat(SpecLinter.lint(parsed, "t.yaml")).isEmpty();
  }
}
