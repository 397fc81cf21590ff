package dev.nines.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.MonitorSpec;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.uptime.State;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conditions of monitors: down by quorum, regional incidents, certificates, silence. */
class MonitorConditionsTest {
  static final Instant NOW = Instant.parse("2026-11-18T10:30:00Z");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Spec SPEC;

  static {
    try {
      SPEC = SpecReader.read("t.yaml", """
          apiVersion: nines/v1
          regions: [eu, us, ap]
          services: [{name: web}]
          monitors:
            - {name: home, service: web, kind: http, request: {url: "https://web.example/"}}
            - {name: cert, service: web, kind: tls-expiry, target: "web.example:443",
               warnDays: 21, failDays: 7}
          """).spec();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static MonitorSpec monitor(String name) {
    return SPEC.monitors().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  private static MonitorConditions.Region region(String name, State s) {
    return new MonitorConditions.Region(name, s, NOW.minusSeconds(90), false,
        s == State.ERROR ? "HTTP 503" : null);
  }

  private static MonitorConditions.Region silent(String name) {
    return new MonitorConditions.Region(name, State.UNKNOWN, NOW.minusSeconds(600), true, null);
  }

  private static List<Condition> evaluate(String monitor, boolean feedsSlo, State quorum,
      MonitorConditions.Certificate cert, MonitorConditions.Region... regions) {
    List<Condition> out = new ArrayList<>();
    MonitorConditions.evaluate(new MonitorConditions.Input(monitor(monitor), "acme", feedsSlo,
        quorum, 2, NOW.minusSeconds(90), List.of(regions), cert), 21, BERLIN, Map.of(), out);
    return out;
  }

  @Test
  void aQuorumInErrorIsDowntimeThatPagesWhenAnSloReadsTheMonitor() {
    List<Condition> page = evaluate("home", true, State.ERROR, null, region("eu", State.ERROR),
        region("us", State.ERROR), region("ap", State.OK));
    Condition down = page.stream().filter(c -> c.kind() == AlertKind.MONITOR_DOWN).findFirst()
        .orElseThrow();
    assertThat(down.severity()).isEqualTo("page");
    assertThat(down.active()).isTrue();
    assertThat(down.title()).isEqualTo("Page: home is down");
    assertThat(down.figures()).extracting(f -> f.value())
        .contains("eu ERROR, us ERROR, ap OK", "HTTP 503");
    assertThat(page).noneMatch(c -> c.kind() == AlertKind.REGIONAL_INCIDENT);
    assertThat(evaluate("home", false, State.ERROR, null, region("eu", State.ERROR),
        region("us", State.ERROR), region("ap", State.OK))).filteredOn(c -> c.kind()
            == AlertKind.MONITOR_DOWN).singleElement().extracting(Condition::severity)
        .isEqualTo("ticket");
  }

  @Test
  void oneRegionInErrorWhileTheQuorumIsUpIsARegionalIncidentNotDowntime() {
    List<Condition> out = evaluate("home", true, State.OK, null, region("eu", State.OK),
        region("us", State.ERROR), region("ap", State.OK));
    assertThat(out).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(AlertKind.REGIONAL_INCIDENT);
      assertThat(c.severity()).isEqualTo("ticket");
      assertThat(c.region()).isEqualTo("us");
      assertThat(c.title()).isEqualTo("Ticket: home fails from us only");
    });
  }

  @Test
  void aCertificateTicketsUnderItsWarningDaysAndPagesUnderFailDays() {
    assertThat(evaluate("cert", false, State.OK, new MonitorConditions.Certificate(
        "CN=web.example", 30))).isEmpty();
    assertThat(evaluate("cert", false, State.OK, new MonitorConditions.Certificate(
        "CN=web.example", 12))).singleElement().satisfies(c -> {
          assertThat(c.kind()).isEqualTo(AlertKind.CERTIFICATE_EXPIRING);
          assertThat(c.severity()).isEqualTo("ticket");
          assertThat(c.title()).isEqualTo("Ticket: the certificate of cert expires in 12 days");
        });
    assertThat(evaluate("cert", false, State.OK, new MonitorConditions.Certificate(
        "CN=web.example", 3))).singleElement().extracting(Condition::severity)
        .isEqualTo("page");
    assertThat(evaluate("home", false, State.OK, new MonitorConditions.Certificate(
        "CN=web.example", 20), region("eu", State.OK))).singleElement()
        .extracting(Condition::severity).as("an HTTPS check warns by the spec's days").isEqualTo(
            "ticket");
  }

  @Test
  void aRegionWhoseMonitorsAreAllSilentTicketsAfterTwoMinutesAndNeverAsDowntime() {
    MonitorConditions.Input home = new MonitorConditions.Input(monitor("home"), "acme", true,
        State.OK, 2, NOW, List.of(region("eu", State.OK), silent("us"), region("ap", State.OK)),
        null);
    MonitorConditions.Input partly = new MonitorConditions.Input(monitor("cert"), "acme", false,
        State.OK, 2, NOW, List.of(region("eu", State.OK), region("us", State.OK)), null);
    List<Condition> out = new ArrayList<>();
    MonitorConditions.silentRegions(Map.of("us", List.of(home), "eu", List.of(home, partly)),
        BERLIN, Map.of(), out);
    assertThat(out).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(AlertKind.REGION_SILENT);
      assertThat(c.region()).isEqualTo("us");
      assertThat(c.forDuration()).isEqualTo(Duration.ofMinutes(2));
      assertThat(c.title()).isEqualTo("Ticket: region us has stopped reporting");
      assertThat(c.summary()).contains("count as UNKNOWN, not as downtime");
    });
    List<Condition> mixed = new ArrayList<>();
    MonitorConditions.silentRegions(Map.of("us", List.of(home, new MonitorConditions.Input(
        monitor("cert"), "acme", false, State.OK, 2, NOW, List.of(region("us", State.OK)),
        null))), BERLIN, Map.of(), mixed);
    assertThat(mixed).as("one fresh monitor in the region: it reports").isEmpty();
  }
}
