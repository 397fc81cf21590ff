package dev.nines.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nines.model.AlertingSettings;
import dev.nines.model.MaintenanceSpec;
import dev.nines.model.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec's alerting settings and maintenance windows, and every rule they are checked by. */
class AlertingAndMaintenanceSpecTest {
  private static final String BASE = """
      apiVersion: nines/v1
      clients: [{name: acme}, {name: lonely}]
      services:
        - {name: platform, client: acme, endpoints: [{path: /a}]}
        - {name: shop, client: acme}
      slos:
        - name: a
          service: platform
          sli: {kind: availability}
          target: 99.9
          window: 30d
          owner: team
          alerting: {minEvents: 50, page: {for: 2m}}
      """;

  @Test
  void readsAlertingSettingsAndAnSloGuardAndFor() throws Exception {
    Spec spec = SpecReader.read("t.yaml", BASE + """
        alerting: {evaluationInterval: 10s, repeatInterval: 1h, minEvents: 5, certificateDays: 14}
        """).spec();
    assertThat(spec.alerting()).isEqualTo(new AlertingSettings(Duration.ofSeconds(10),
        Duration.ofHours(1), 5, 14, AlertingSettings.GROUP_WAIT, AlertingSettings.GROUP_INTERVAL));
    assertThat(SpecReader.read("t.yaml", BASE + "alerting: {groupWait: 0s, groupInterval: 1m}\n")
        .spec().alerting()).isEqualTo(new AlertingSettings(Duration.ofSeconds(30),
        Duration.ofHours(4), 0, 21, Duration.ZERO, Duration.ofMinutes(1)));
    assertThat(spec.alerting().minEventsOf(spec.slos().get(0))).isEqualTo(50);
    assertThat(spec.slos().get(0).alerting().page().forDuration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(spec.slos().get(0).alerting().ticket().forDuration()).isZero();
  }

  @Test
  void withoutSettingsTheDefaultsApply() throws Exception {
    Spec spec = SpecReader.read("t.yaml", BASE.replace("minEvents: 50, ", "")).spec();
    assertThat(spec.alerting()).isEqualTo(AlertingSettings.DEFAULTS);
    assertThat(spec.alerting().minEventsOf(spec.slos().get(0))).isZero();
  }

  @Test
  void aClientWindowCoversEveryServiceOfTheClientAndMayRecur() throws Exception {
    Spec spec = SpecReader.read("t.yaml", BASE + """
        maintenance:
          - {client: acme, start: "2026-11-01T02:00:00+01:00", duration: 30m,
             rrule: "FREQ=WEEKLY;BYDAY=SU", reason: patching}
        """).spec();
    Instant start = Instant.parse("2026-11-01T01:00:00Z");
    assertThat(spec.maintenance()).containsExactly(
        new MaintenanceSpec("platform", start, start.plusSeconds(1800), "patching",
            "FREQ=WEEKLY;BYDAY=SU"),
        new MaintenanceSpec("shop", start, start.plusSeconds(1800), "patching",
            "FREQ=WEEKLY;BYDAY=SU"));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("alerting: {evaluationInterval: 0s}", "t.yaml:14:32: alerting"
            + ".evaluationInterval: 0s is out of range. Expected 1s to 10m"),
        Arguments.of("alerting: {repeatInterval: 30s}", "t.yaml:14:28: alerting.repeatInterval: "
            + "30s is out of range. Expected 1m to 7d"),
        Arguments.of("alerting: {minEvents: -1}", "t.yaml:14:23: alerting.minEvents: -1 is "
            + "negative. Expected 0 or more"),
        Arguments.of("alerting: {paging: true}", "t.yaml:14:12: alerting.paging: unknown field. "
            + "Expected one of certificateDays, evaluationInterval, groupInterval, groupWait, "
            + "minEvents, repeatInterval"),
        Arguments.of("alerting: {groupWait: 2h}", "t.yaml:14:23: alerting.groupWait: 2h is out "
            + "of range. Expected 0s to 1h"),
        Arguments.of("alerting: {groupInterval: 0s}", "t.yaml:14:27: alerting.groupInterval: 0s "
            + "is out of range. Expected 1s to 1d"),
        Arguments.of("maintenance: [{start: \"2026-11-01T02:00:00Z\", end: \"2026-11-01T03:00:00Z\"}]",
            "t.yaml:14:15: maintenance[0].service: is required (or client). Expected the service "
                + "under maintenance, or client: NAME for every service of a client"),
        Arguments.of("maintenance: [{service: shop, client: acme, start: \"2026-11-01T02:00:00Z\","
            + " end: \"2026-11-01T03:00:00Z\"}]", "t.yaml:14:39: maintenance[0].client: is "
            + "given with service. Expected one of service and client"),
        Arguments.of("maintenance: [{client: lonely, start: \"2026-11-01T02:00:00Z\", duration: 1h}]",
            "t.yaml:14:24: maintenance[0].client: client 'lonely' has no service. Expected a "
                + "client with services"),
        Arguments.of("maintenance: [{service: shop, start: \"2026-11-01T02:00:00Z\"}]",
            "t.yaml:14:15: maintenance[0].end: is required (or duration). Expected when the "
                + "window ends"),
        Arguments.of("maintenance: [{service: shop, start: \"2026-11-01T02:00:00Z\", duration: 1h,"
            + " end: \"2026-11-01T03:00:00Z\"}]", "t.yaml:14:72: maintenance[0].duration: is "
            + "given with end. Expected one of end and duration"),
        Arguments.of("maintenance: [{service: shop, start: \"2026-11-01T02:00:00Z\", duration: 1h,"
            + " rrule: FREQ=SOMETIMES}]", "t.yaml:14:83: maintenance[0].rrule: 'FREQ=SOMETIMES' "
            + "is not a recurrence rule (Unknown FREQ value SOMETIMES). Expected an RFC 5545 "
            + "RRULE such as FREQ=WEEKLY;BYDAY=SU"),
        Arguments.of("maintenance: [{service: shop, start: \"2026-11-01T02:00:00Z\", duration: 1h,"
            + " rrule: FREQ=MINUTELY}]", "t.yaml:14:83: maintenance[0].rrule: 'FREQ=MINUTELY' "
            + "repeats every minute. Expected HOURLY or a longer frequency"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void eachRuleNamesFileLineColumnAndField(String yaml, String expected) {
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> SpecReader.read("t.yaml", BASE + yaml + "\n"));
    assertThat(e).as(yaml).isNotNull();
    assertThat(e.problems()).extracting(Problem::toString).anySatisfy(p ->
        assertThat(p).startsWith(expected));
  }

  @Test
  void aNegativeGuardOfAnSloIsRefused() {
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> SpecReader.read("t.yaml", BASE.replace("minEvents: 50", "minEvents: -3")));
    assertThat(e.getMessage()).isEqualTo("t.yaml:13:27: slos[0].alerting.minEvents: -3 is "
        + "negative. Expected 0 or more valid events");
  }
}
