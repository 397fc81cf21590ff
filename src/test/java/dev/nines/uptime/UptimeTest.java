package dev.nines.uptime;

import static dev.nines.uptime.Observations.at;
import static dev.nines.uptime.Observations.obs;
import static dev.nines.uptime.State.ERROR;
import static dev.nines.uptime.State.OK;
import static dev.nines.uptime.State.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UptimeTest {
  private static final AttributionTable DEFAULTS = AttributionTable.defaults();
  private static final Duration MINUTE = Duration.ofSeconds(60);
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
  private static final String ALL_OK = "OK 0; OK 60; OK 120; OK 180; OK 240; OK 300";

  /** One region checked every {@code interval}, over [from, to) with the data known up to to. */
  private static UptimeReport one(List<Observation> observations, Duration interval,
      AttributionTable table, long from, long to) {
    return Uptime.compute(UptimeQuery.of(MonitorObservations.of("m", Map.of("r", observations),
        interval, 1), table, List.of(), at(from), at(to)));
  }

  private static UptimeReport one(String observations, long from, long to) {
    return one(Observations.of(observations), MINUTE, DEFAULTS, from, to);
  }

  private static UptimeReport regions(Map<String, String> byRegion, int quorum, long from,
      long to) {
    Map<String, List<Observation>> observations = new LinkedHashMap<>();
    byRegion.forEach((r, text) -> observations.put(r, text.isEmpty() ? List.of()
        : Observations.of(text)));
    return Uptime.compute(UptimeQuery.of(MonitorObservations.of("m", observations, MINUTE,
        quorum), DEFAULTS, List.of(), at(from), at(to)));
  }

  @Test
  void reproducesWorkedExampleOneUnknownNextToOkIsUp() {
    List<Observation> observations = List.of(obs("10:00:01", OK), obs("10:00:10", OK),
        obs("10:00:11", UNKNOWN), obs("10:00:21", OK));

    UptimeSnapshot u = one(observations, MINUTE, DEFAULTS, 1, 21).uptime();

    assertThat(u).isEqualTo(new UptimeSnapshot(20_000, 0, 0, 11_000, 11_000));
    assertThat(u.uptimeRatio()).isEqualTo(1.0);
    assertThat(u.lowerRatio()).isEqualTo(0.45);
    assertThat(u.upperRatio()).isEqualTo(1.0);
  }

  @Test
  void reproducesWorkedExampleTwoAnErrorEndIsDown() {
    List<Observation> observations = List.of(obs("10:00:01", OK), obs("10:00:10", UNKNOWN),
        obs("10:00:20", ERROR), obs("10:00:21", OK));

    UptimeSnapshot u = one(observations, MINUTE, DEFAULTS, 1, 21).uptime();

    assertThat(u).isEqualTo(new UptimeSnapshot(9_000, 11_000, 0, 20_000, 9_000));
    assertThat(u.uptimeRatio()).isEqualTo(0.45);
    assertThat(u.lowerRatio()).isEqualTo(0.0);
    assertThat(u.upperRatio()).isEqualTo(1.0);
  }

  @Test
  void reproducesWorkedExampleThreeTheChangeBetweenTwoChecksIsUncertain() {
    UptimeSnapshot u = one("OK 0; OK 10; ERROR 20; ERROR 30; OK 40", 0, 40).uptime();

    // 0-10 certainly up, 10-20 (OK -> ERROR) down but uncertain, 20-30 certainly down,
    // 30-40 (ERROR -> OK) down but uncertain.
    assertThat(u).isEqualTo(new UptimeSnapshot(10_000, 30_000, 0, 20_000, 0));
    assertThat(u.uptimeRatio()).isEqualTo(0.25);
    assertThat(u.lowerRatio()).isEqualTo(0.25);
    assertThat(u.upperRatio()).isEqualTo(0.75);
  }

  @ParameterizedTest(name = "{0} over [{1} s, {2} s): up {3}, down {4}, unknown {5}, uncertain {6} ({7} up)")
  @CsvSource(delimiter = '|', textBlock = """
      OK 0; OK 60                            | 0 | 60  | 60000 | 0     | 0     | 0     | 0
      OK 0; OK 30; ERROR 40; OK 60           | 0 | 60  | 30000 | 30000 | 0     | 30000 | 0
      OK 0; ERROR 30; OK 60                  | 0 | 60  | 0     | 60000 | 0     | 60000 | 0
      UNKNOWN 0; UNKNOWN 10                  | 0 | 10  | 0     | 0     | 10000 | 10000 | 0
      ERROR 0; UNKNOWN 10; UNKNOWN 20; OK 40 | 0 | 40  | 20000 | 10000 | 10000 | 40000 | 20000
      OK 0                                   | 0 | 0   | 0     | 0     | 0     | 0     | 0
      OK 1; UNKNOWN 10; ERROR 20; OK 21      | 5 | 20  | 5000  | 10000 | 0     | 15000 | 5000
      OK 1; UNKNOWN 10; ERROR 20; OK 21      | 20 | 21 | 0     | 1000  | 0     | 1000  | 0
      """)
  void attributesTheTimeBetweenConsecutiveChecksByTheTable(String observations, long from,
      long to, long up, long down, long unknown, long uncertain, long uncertainUp) {
    assertThat(one(observations, from, to).uptime())
        .isEqualTo(new UptimeSnapshot(up, down, unknown, uncertain, uncertainUp));
  }

  @Test
  void silenceAfterAnOkIsUpUntilTheRegionIsStaleThenUnknownNeverUp() {
    UptimeReport r = one(Observations.of("OK 0; OK 10"), TEN_SECONDS, DEFAULTS, 0, 100);

    // Stale 20 s after the last check: 10-30 OK -> UNKNOWN (up, uncertain), then unknown.
    assertThat(r.uptime()).isEqualTo(new UptimeSnapshot(30_000, 0, 70_000, 90_000, 20_000));
    assertThat(r.current()).isEqualTo(new UptimeReport.StateRun(at(30), at(100), UNKNOWN,
        UptimeReport.Cause.SILENT, false, null));
    assertThat(r.attributedUntil()).isEqualTo(at(100));
  }

  @Test
  void silenceAfterAnErrorIsDownUntilTheRegionIsStaleThenUnknownNeverDown() {
    UptimeSnapshot u = one(Observations.of("ERROR 0; ERROR 10"), TEN_SECONDS, DEFAULTS, 0, 100)
        .uptime();

    assertThat(u).isEqualTo(new UptimeSnapshot(0, 30_000, 70_000, 90_000, 0));
    assertThat(u.uptimeRatio()).isEqualTo(0.0);
    assertThat(u.upperRatio()).isEqualTo(0.9);
  }

  @Test
  void aMonitorThatNeverReportedHasNoUptimeOnlyUnknownTime() {
    UptimeReport r = one(List.of(), MINUTE, DEFAULTS, 0, 3600);

    assertThat(r.uptime()).isEqualTo(new UptimeSnapshot(0, 0, 3_600_000, 3_600_000, 0));
    assertThat(r.uptime().uptimeRatio()).isNull();
    assertThat(r.uptime().lowerRatio()).isEqualTo(0.0);
    assertThat(r.uptime().upperRatio()).isEqualTo(1.0);
    assertThat(r.current().cause()).isEqualTo(UptimeReport.Cause.SILENT);
    assertThat(r.regions().get(0).lastObservation()).isNull();
  }

  @Test
  void anEmptyWindowHasNoFiguresAtAll() {
    UptimeSnapshot u = one("OK 0; OK 10", 5, 5).uptime();

    assertThat(u).isEqualTo(UptimeSnapshot.EMPTY);
    assertThat(u.uptimeRatio()).isNull();
    assertThat(u.lowerRatio()).isNull();
    assertThat(u.upperRatio()).isNull();
  }

  @Test
  void theSilenceBeforeARegionReportsAgainIsUnknownEvenWhenItComesBackOk() {
    UptimeSnapshot u = one(Observations.of("OK 0; OK 100"), TEN_SECONDS, DEFAULTS, 0, 100)
        .uptime();

    assertThat(u).isEqualTo(new UptimeSnapshot(20_000, 0, 80_000, 100_000, 20_000));
  }

  @Test
  void theTimeSinceTheLastCheckWaitsForTheNextOne() {
    UptimeReport pending = one("OK 0; OK 10", 0, 50);
    UptimeReport settled = one(Observations.of("OK 0; OK 10; ERROR 60"), MINUTE, DEFAULTS, 0, 50);

    assertThat(pending.attributedUntil()).isEqualTo(at(10));
    assertThat(pending.uptime()).isEqualTo(new UptimeSnapshot(10_000, 0, 0, 0, 0));
    // Given everything up to 60 s, the ERROR at 60 s says how 10-50 counts: OK -> ERROR.
    UptimeReport known = Uptime.compute(new UptimeQuery(List.of(MonitorObservations.of("m",
        Map.of("r", Observations.of("OK 0; OK 10; ERROR 60")), MINUTE, 1)), DEFAULTS, List.of(),
        false, at(0), at(50), at(60)));
    assertThat(known.attributedUntil()).isEqualTo(at(50));
    assertThat(known.uptime()).isEqualTo(new UptimeSnapshot(10_000, 40_000, 0, 40_000, 0));
    assertThat(settled.attributedUntil()).isEqualTo(at(10));
  }

  @Test
  void twoAttributedWindowsAddUpToTheirUnion() {
    List<Observation> observations = Observations.of(
        "OK 0; OK 10; ERROR 25; UNKNOWN 40; ERROR 50; OK 70; OK 80; OK 200");
    MonitorObservations m = MonitorObservations.of("m", Map.of("r", observations),
        Duration.ofSeconds(20), 1);

    UptimeSnapshot whole = Uptime.compute(new UptimeQuery(List.of(m), DEFAULTS, List.of(),
        false, at(0), at(150), at(200))).uptime();
    UptimeSnapshot sum = UptimeSnapshot.EMPTY;
    for (long[] w : new long[][] {{0, 33}, {33, 77}, {77, 150}}) {
      sum = sum.plus(Uptime.compute(new UptimeQuery(List.of(m), DEFAULTS, List.of(), false,
          at(w[0]), at(w[1]), at(200))).uptime());
    }

    assertThat(sum).isEqualTo(whole);
    assertThat(whole.totalMillis()).isEqualTo(150_000);
  }

  @Test
  void theSinceOfAStateIsWhenItBeganNotTheLastCheck() {
    UptimeReport r = one(Observations.of("OK 0; OK 10; ERROR 20; ERROR 30; OK 40; OK 50"),
        TEN_SECONDS, DEFAULTS, 0, 60);

    assertThat(r.states()).extracting(UptimeReport.StateRun::state, UptimeReport.StateRun::start)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OK, at(0)),
            org.assertj.core.groups.Tuple.tuple(ERROR, at(20)),
            org.assertj.core.groups.Tuple.tuple(OK, at(40)));
    assertThat(r.current().start()).isEqualTo(at(40));
    assertThat(r.current().startedEarlier()).isFalse();
    assertThat(one("OK 0; OK 30", 10, 30).current().startedEarlier()).isTrue();
  }

  @Test
  void theSpansOfTheTimelineAddUpToTheUptimeExactly() {
    UptimeReport r = one("OK 0; OK 10; ERROR 20; ERROR 30; OK 40; OK 50", 0, 50);

    assertThat(r.spans()).containsExactly(
        new UptimeReport.Span(at(0), at(10), Attribution.UP, true, OK, OK),
        new UptimeReport.Span(at(10), at(20), Attribution.DOWN, false, OK, ERROR),
        new UptimeReport.Span(at(20), at(30), Attribution.DOWN, true, ERROR, ERROR),
        new UptimeReport.Span(at(30), at(40), Attribution.DOWN, false, ERROR, OK),
        new UptimeReport.Span(at(40), at(50), Attribution.UP, true, OK, OK));
    long up = r.spans().stream().filter(s -> s.attribution() == Attribution.UP)
        .mapToLong(UptimeReport.Span::millis).sum();
    assertThat(up).isEqualTo(r.uptime().upMillis());
  }

  @Test
  void settledMinutesSplitTheAttributedTimeAtMinuteBoundaries() {
    Instant t = Instant.parse("2026-10-01T10:00:30Z");
    List<Observation> o = List.of(new Observation(t, OK), new Observation(t.plusSeconds(60), ERROR),
        new Observation(t.plusSeconds(90), ERROR));
    UptimeReport r = Uptime.compute(UptimeQuery.of(MonitorObservations.of("m", Map.of("r", o),
        MINUTE, 1), DEFAULTS, List.of(), t, t.plusSeconds(90)));
    long m0 = t.getEpochSecond() / 60;

    // 10:00:30-10:01:30 is OK -> ERROR (down, uncertain); 10:01:30-10:02:00 certainly down.
    assertThat(r.settledMinutes()).containsExactly(
        Map.entry(m0, new UptimeSnapshot(0, 30_000, 0, 30_000, 0)),
        Map.entry(m0 + 1, new UptimeSnapshot(0, 60_000, 0, 30_000, 0)));
  }

  @ParameterizedTest(name = "regions {0}, quorum {1}: {2}")
  @CsvSource(textBlock = """
      OK OK OK,                   2, OK
      ERROR OK OK,                2, OK
      ERROR ERROR OK,             2, ERROR
      ERROR ERROR UNKNOWN,        2, ERROR
      ERROR OK UNKNOWN,           2, OK
      ERROR UNKNOWN UNKNOWN,      2, UNKNOWN
      UNKNOWN UNKNOWN UNKNOWN,    1, UNKNOWN
      OK UNKNOWN UNKNOWN,         1, OK
      ERROR OK OK,                1, ERROR
      ERROR OK OK,                3, OK
      ERROR ERROR UNKNOWN,        3, UNKNOWN
      """)
  void decidesTheServiceStateFromFreshRegions(String states, int quorum, State expected) {
    Map<String, String> byRegion = new LinkedHashMap<>();
    String[] each = states.split(" ");
    for (int i = 0; i < each.length; i++) {
      byRegion.put("region-" + i, each[i] + " 0");
    }

    assertThat(regions(byRegion, quorum, 0, 10).current().state()).isEqualTo(expected);
  }

  @Test
  void oneRegionFailingAloneIsARegionalIncidentNotDowntime() {
    UptimeReport r = regions(Map.of("eu-west", ALL_OK, "us-east", ALL_OK,
        "ap-south", "OK 0; OK 60; ERROR 120; ERROR 180; OK 240; OK 300"), 2, 0, 300);

    assertThat(r.uptime()).isEqualTo(new UptimeSnapshot(300_000, 0, 0, 0, 0));
    assertThat(r.incidents()).containsExactly(new RegionalIncident("ap-south", at(120), at(240)));
  }

  @Test
  void twoOfThreeRegionsFailingIsDowntimeWithTheSamplingUncertainty() {
    String failing = "OK 0; OK 60; ERROR 120; ERROR 180; OK 240; OK 300";
    UptimeReport r = regions(Map.of("eu-west", failing, "us-east", failing, "ap-south", ALL_OK),
        2, 0, 300);

    assertThat(r.uptime()).isEqualTo(new UptimeSnapshot(120_000, 180_000, 0, 120_000, 0));
    assertThat(r.uptime().uptimeRatio()).isEqualTo(0.4);
    assertThat(r.uptime().upperRatio()).isEqualTo(0.8);
    assertThat(r.incidents()).isEmpty();
  }

  @Test
  void aRegionalIncidentEndsWhenTheServiceItselfGoesDownAndOneGoingOnHasNoEnd() {
    UptimeReport r = regions(Map.of(
        "eu-west", "OK 0; OK 60; ERROR 120; ERROR 180; OK 240; OK 300",
        "us-east", "OK 0; OK 60; OK 120; ERROR 180; ERROR 240; ERROR 300",
        "ap-south", ALL_OK), 2, 0, 300);

    assertThat(r.incidents()).containsExactly(
        new RegionalIncident("eu-west", at(120), at(180)),
        new RegionalIncident("us-east", at(240), null));
    assertThat(r.incidents().get(1).open()).isTrue();
  }

  @Test
  void anAgentThatStopsReportingNeverMakesTheServiceDown() {
    UptimeReport r = regions(Map.of("eu-west", ALL_OK, "us-east", ALL_OK,
        "ap-south", "OK 0; OK 70"), 2, 0, 300);

    assertThat(r.uptime()).isEqualTo(new UptimeSnapshot(300_000, 0, 0, 0, 0));
    assertThat(r.regions()).filteredOn(x -> x.region().equals("ap-south")).singleElement()
        .satisfies(x -> assertThat(x.current().cause()).isEqualTo(UptimeReport.Cause.SILENT));
  }

  @Test
  void tooFewFreshRegionsForTheQuorumIsSilenceAndUnknown() {
    UptimeReport r = regions(Map.of("eu-west", "OK 0", "us-east",
        "OK 0; OK 100; OK 119; OK 121"), 2, 0, 121);

    // eu-west is stale at exactly 2 intervals (120 s): then only one region is fresh.
    assertThat(r.uptime()).isEqualTo(new UptimeSnapshot(120_000, 0, 1_000, 2_000, 1_000));
    assertThat(r.current()).isEqualTo(new UptimeReport.StateRun(at(120), at(121), UNKNOWN,
        UptimeReport.Cause.SILENT, false, null));
  }

  @Test
  void aRegionWithoutObservationsIsSilent() {
    assertThat(regions(Map.of("eu-west", ALL_OK, "us-east", ""), 2, 0, 300).uptime())
        .isEqualTo(new UptimeSnapshot(0, 0, 300_000, 300_000, 0));
    assertThat(regions(Map.of("eu-west", ALL_OK, "us-east", ""), 1, 0, 300).uptime())
        .isEqualTo(new UptimeSnapshot(300_000, 0, 0, 0, 0));
  }

  @Test
  void maintenanceIsUnknownByTheTableOrLeftOutAsTheSloSays() {
    List<Observation> o = Observations.of("OK 0; OK 10; ERROR 20; ERROR 30; OK 40; OK 60");
    List<MaintenanceWindow> w = List.of(new MaintenanceWindow(at(20), at(40), "DB upgrade"));
    MonitorObservations m = MonitorObservations.of("m", Map.of("r", o), TEN_SECONDS, 1);

    UptimeReport unknown = Uptime.compute(UptimeQuery.of(m, DEFAULTS, w, at(0), at(60)));
    UptimeReport excluded = Uptime.compute(new UptimeQuery(List.of(m), DEFAULTS, w, true, at(0),
        at(60), at(60)));

    // OK -> UNKNOWN 10-20 up, UNKNOWN -> UNKNOWN 20-30 unknown, UNKNOWN -> OK 30-40 up.
    assertThat(unknown.uptime()).isEqualTo(new UptimeSnapshot(50_000, 0, 10_000, 30_000, 20_000));
    assertThat(unknown.states()).extracting(UptimeReport.StateRun::cause,
        UptimeReport.StateRun::reason).contains(
            org.assertj.core.groups.Tuple.tuple(UptimeReport.Cause.MAINTENANCE, "DB upgrade"));
    assertThat(unknown.incidents()).isEmpty();
    assertThat(excluded.uptime()).isEqualTo(new UptimeSnapshot(40_000, 0, 0, 10_000, 10_000));
  }

  @Test
  void anSloOverSeveralMonitorsIsDownWhenAnyIsAndUnknownWhenAnyIs() {
    MonitorObservations a = MonitorObservations.of("shallow",
        Map.of("eu", Observations.of("OK 0; OK 10; ERROR 20; OK 30; OK 40")), TEN_SECONDS, 1);
    MonitorObservations b = MonitorObservations.of("deep",
        Map.of("eu", Observations.of("OK 0; OK 15; UNKNOWN 25; OK 35")), TEN_SECONDS, 1);

    UptimeReport r = Uptime.compute(new UptimeQuery(List.of(a, b), DEFAULTS, List.of(), false,
        at(0), at(40), at(40)));

    // Points: 0 OK, 10 OK, 15 OK, 20 ERROR, 25 ERROR, 30 UNKNOWN (deep pending), 35 OK, 40 OK:
    // 0-15 up, 15-20 OK -> ERROR and 25-30 ERROR -> UNKNOWN down and uncertain, 20-25 down,
    // 30-35 UNKNOWN -> OK up and uncertain, 35-40 up.
    assertThat(r.uptime()).isEqualTo(new UptimeSnapshot(25_000, 15_000, 0, 15_000, 5_000));
  }

  @Test
  void anIntervalTheTableCallsUnknownIsUncertainEvenBetweenKnownStates() {
    AttributionTable lenient = DEFAULTS.with(OK, ERROR, Attribution.UNKNOWN);

    UptimeSnapshot u = one(Observations.of("OK 0; OK 30; ERROR 40; OK 60"), MINUTE, lenient,
        0, 60).uptime();

    assertThat(u).isEqualTo(new UptimeSnapshot(30_000, 20_000, 10_000, 30_000, 0));
    assertThat(u.uptimeRatio()).isEqualTo(0.6);
    assertThat(u.lowerRatio()).isEqualTo(0.5);
    assertThat(u.upperRatio()).isEqualTo(1.0);
  }

  @Test
  void anOverriddenTableChangesThePointValueButNotWhatIsUncertain() {
    AttributionTable strict = DEFAULTS.with(OK, UNKNOWN, Attribution.DOWN)
        .with(UNKNOWN, OK, Attribution.DOWN);
    List<Observation> exampleOne = List.of(obs("10:00:01", OK), obs("10:00:10", OK),
        obs("10:00:11", UNKNOWN), obs("10:00:21", OK));

    UptimeSnapshot u = one(exampleOne, MINUTE, strict, 1, 21).uptime();

    assertThat(u).isEqualTo(new UptimeSnapshot(9_000, 11_000, 0, 11_000, 0));
    assertThat(u.uptimeRatio()).isEqualTo(0.45);
    assertThat(u.lowerRatio()).isEqualTo(0.45);
    assertThat(u.upperRatio()).isEqualTo(1.0);
  }

  @Test
  void theOrderOfTheInputDoesNotMatterButAmongEqualTimesTheLastWins() {
    List<Observation> shuffled = new ArrayList<>(Observations.of("OK 1; UNKNOWN 10; ERROR 20; OK 21"));
    Collections.reverse(shuffled);

    assertThat(one(shuffled, MINUTE, DEFAULTS, 1, 21).uptime())
        .isEqualTo(new UptimeSnapshot(9_000, 11_000, 0, 20_000, 9_000));
    assertThat(one("OK 0; ERROR 20; OK 20; OK 30", 0, 30).uptime().upMillis()).isEqualTo(30_000);
    assertThat(one("OK 0; OK 20; ERROR 20; ERROR 30", 0, 30).uptime().downMillis())
        .isEqualTo(30_000);
  }

  @ParameterizedTest(name = "quorum {0} of 3 regions is rejected")
  @CsvSource({"0", "-1", "4"})
  void aQuorumOutsideOneToTheNumberOfRegionsIsRejected(int quorum) {
    Map<String, List<Observation>> byRegion = Map.of("a", List.of(), "b", List.of(),
        "c", List.of());

    assertThatThrownBy(() -> MonitorObservations.of("home", byRegion, MINUTE, quorum))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("home: quorum " + quorum + " is out of range. "
            + "Expected 1 <= quorum <= 3 (the number of regions)");
  }

  @ParameterizedTest(name = "interval {0} is rejected")
  @CsvSource({"PT0S", "PT-1S"})
  void anIntervalThatIsNotPositiveIsRejected(Duration interval) {
    assertThatThrownBy(() -> new MonitorObservations("home", Map.of("a", List.of()), interval, 1,
        MINUTE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("home: interval " + interval + " is not positive. Expected a duration > 0");
  }

  @Test
  void noRegionsOrABlankRegionNameAreRejected() {
    assertThatThrownBy(() -> MonitorObservations.of("home", Map.of(), MINUTE, 1))
        .hasMessage("home: regions: none. Expected at least one region");
    assertThatThrownBy(() -> MonitorObservations.of("home", Map.of(" ", List.of()), MINUTE, 1))
        .hasMessage("home: region ' ': blank name. Expected a region name such as eu-west");
  }

  @Test
  void aWindowThatEndsBeforeItStartsOrDataThatEndsBeforeTheWindowIsRejected() {
    MonitorObservations m = MonitorObservations.of("m", Map.of("r", List.of()), MINUTE, 1);

    assertThatThrownBy(() -> UptimeQuery.of(m, DEFAULTS, List.of(), at(10), at(5)))
        .hasMessage("from 2026-10-01T10:00:10Z is after to 2026-10-01T10:00:05Z. "
            + "Expected from <= to");
    assertThatThrownBy(() -> new UptimeQuery(List.of(m), DEFAULTS, List.of(), false, at(0),
        at(10), at(5)))
        .hasMessage("knownUntil 2026-10-01T10:00:05Z is before to 2026-10-01T10:00:10Z. "
            + "Expected to <= knownUntil");
  }

  @Test
  void inconsistentFiguresAreRejected() {
    assertThatThrownBy(() -> new UptimeSnapshot(10, 0, 5, 2, 0))
        .hasMessageStartingWith("uncertain 2 ms (0 up) of up 10, down 0, unknown 5 is "
            + "inconsistent");
  }
}
