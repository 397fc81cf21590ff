package dev.nines.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nines.model.ClientSpec;
import dev.nines.model.ComponentSpec;
import dev.nines.model.Spec;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A client's time zone and status-page components, SLO display names and endpoint notes. */
class ClientSpecTest {
  private static final String SPEC = """
      apiVersion: nines/v1
      timeZone: Europe/Berlin
      clients:
        - name: acme
          timeZone: America/New_York
          statusPage: true
          components: %s
        - {name: globex}
      services:
        - {name: platform, client: acme, endpoints: [{path: /a, critical: true}, {path: /faq, note: Static pages.}]}
        - {name: ship, client: globex}
      slos:
        - {name: a, service: platform, endpoint: /a, displayName: Courier assignment, sli: {kind: availability}, target: 99.9, window: month, owner: client}
        - {name: b, service: platform, sli: {kind: uptime, source: {monitors: [health]}}, target: 99.9, window: month, owner: client}
        - {name: g, service: ship, sli: {kind: availability}, target: 99, window: 30d, owner: client}
      monitors:
        - {name: health, service: platform, kind: http, interval: 30s, request: {url: "https://a.example/h"}}
        - {name: ship-health, service: ship, kind: http, interval: 30s, request: {url: "https://g.example/h"}}
      """;

  private static Spec read(String components) throws Exception {
    return SpecReader.read("t.yaml", SPEC.formatted(components)).spec();
  }

  @Test
  void aClientHasItsOwnTimeZoneAndComponents() throws Exception {
    Spec spec = read("[{name: Dashboard, description: Sellers' pages., services: [platform]}, "
        + "{name: Checks, monitors: [health], slos: [a]}]");
    ClientSpec acme = spec.client("acme");
    assertThat(spec.zoneOf(acme)).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(spec.zoneOf(spec.client("globex"))).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(acme.components()).containsExactly(
        new ComponentSpec("Dashboard", "Sellers' pages.", List.of("platform"), List.of(),
            List.of()),
        new ComponentSpec("Checks", null, List.of(), List.of("health"), List.of("a")));
    assertThat(spec.slos().get(0).title()).isEqualTo("Courier assignment");
    assertThat(spec.slos().get(1).title()).isEqualTo("platform uptime");
    assertThat(spec.service("platform").endpoint("/faq").note()).isEqualTo("Static pages.");
  }

  @Test
  void componentsAndTheZoneSurviveTheWriter() throws Exception {
    Spec spec = read("[{name: Checks, monitors: [health], slos: [a]}]");
    Spec again = SpecReader.read("w.yaml", SpecWriter.write(spec)).spec();
    assertThat(again.clients()).isEqualTo(spec.clients());
    assertThat(again.slos().get(0).displayName()).isEqualTo("Courier assignment");
    assertThat(again.service("platform").endpoints()).isEqualTo(
        spec.service("platform").endpoints());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("[{name: X, services: [nothing]}]", "t.yaml:7:38: clients[0].components[0]"
            + ".services: unknown service 'nothing'. Expected one declared under services"),
        Arguments.of("[{name: X, services: [ship]}]", "t.yaml:7:38: clients[0].components[0]"
            + ".services: service 'ship' is not a service of client 'acme'. Expected one of the "
            + "client's own services"),
        Arguments.of("[{name: X, monitors: [nope]}]", "t.yaml:7:38: clients[0].components[0]"
            + ".monitors: unknown monitor 'nope'. Expected one declared under monitors"),
        Arguments.of("[{name: X, monitors: [ship-health]}]", "t.yaml:7:38: clients[0]"
            + ".components[0].monitors: monitor 'ship-health' does not watch a service of client "
            + "'acme'. Expected a monitor of the client's own services"),
        Arguments.of("[{name: X, slos: [zz]}]", "t.yaml:7:34: clients[0].components[0].slos: "
            + "unknown SLO 'zz'. Expected one declared under slos"),
        Arguments.of("[{name: X, slos: [g]}]", "t.yaml:7:34: clients[0].components[0].slos: "
            + "SLO 'g' is not an SLO of client 'acme'. Expected an SLO of the client's own "
            + "services"),
        Arguments.of("[{name: X}]", "t.yaml:7:18: clients[0].components[0].services: is "
            + "required (or monitors, or slos). Expected what the component covers"),
        Arguments.of("[{name: X, slos: [a]}, {name: X, slos: [a]}]", "t.yaml:7:47: clients[0]"
            + ".components[1].name: duplicate component 'X'. Expected each component once"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void everyComponentRuleHasItsMessage(String components, String message) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> read(components));
    assertThat(e.problems()).extracting(Problem::toString).contains(message);
  }

  @Test
  void aClientTimeZoneMustBeAZone() {
    SpecException e = catchThrowableOfType(SpecException.class, () -> SpecReader.read("t.yaml",
        SPEC.formatted("[]").replace("America/New_York", "Mars/Olympus")));
    assertThat(e.problems()).extracting(Problem::toString).contains("t.yaml:5:15: clients[0]"
        + ".timeZone: 'Mars/Olympus' is not a time zone. Expected an IANA zone such as "
        + "Europe/Berlin or UTC");
  }
}
