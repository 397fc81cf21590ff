package dev.nines.uptime;

import static dev.nines.uptime.Observations.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionQuorumTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);
  private static final String ALL_OK = "OK 0; OK 60; OK 120; OK 180; OK 240; OK 300";

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
    Map<String, List<Observation>> byRegion = new LinkedHashMap<>();
    String[] each = states.split(" ");
    for (int i = 0; i < each.length; i++) {
      byRegion.put("region-" + i, Observations.of(each[i] + " 0"));
    }

    QuorumResult result = RegionQuorum.combine(byRegion, MINUTE, quorum);

    assertThat(result.timeline()).containsExactly(new Observation(at(0), expected));
  }

  @Test
  void oneRegionFailingAloneIsARegionalIncidentNotDowntime() {
    Map<String, List<Observation>> byRegion = Map.of(
        "eu-west", Observations.of(ALL_OK),
        "us-east", Observations.of(ALL_OK),
        "ap-south", Observations.of("OK 0; OK 60; ERROR 120; ERROR 180; OK 240; OK 300"));

    QuorumResult result = RegionQuorum.combine(byRegion, MINUTE, 2);

    assertThat(result.timeline()).containsExactly(
        new Observation(at(0), State.OK), new Observation(at(300), State.OK));
    assertThat(result.regionalIncidents())
        .containsExactly(new RegionalIncident("ap-south", at(120), at(240)));
    assertThat(UptimeCalculator.compute(result.timeline(), AttributionTable.defaults()))
        .isEqualTo(new UptimeSnapshot(300_000, 0, 0, 1.0, 1.0, 1.0));
  }

  @Test
  void twoOfThreeRegionsFailingIsDowntimeCountedAsOneRegionWouldCountIt() {
    String failing = "OK 0; OK 60; ERROR 120; ERROR 180; OK 240; OK 300";
    Map<String, List<Observation>> byRegion = Map.of(
        "eu-west", Observations.of(failing),
        "us-east", Observations.of(failing),
        "ap-south", Observations.of(ALL_OK));

    QuorumResult result = RegionQuorum.combine(byRegion, MINUTE, 2);

    assertThat(result.timeline()).isEqualTo(Observations.of(failing));
    assertThat(result.regionalIncidents()).isEmpty();
    assertThat(UptimeCalculator.compute(result.timeline(), AttributionTable.defaults()))
        .isEqualTo(new UptimeSnapshot(120_000, 180_000, 0, 0.4, 0.4, 0.4));
  }

  @Test
  void aRegionalIncidentEndsWhenTheServiceItselfGoesDown() {
    Map<String, List<Observation>> byRegion = Map.of(
        "eu-west", Observations.of("OK 0; OK 60; ERROR 120; ERROR 180; OK 240; OK 300"),
        "us-east", Observations.of("OK 0; OK 60; OK 120; ERROR 180; ERROR 240; OK 300"),
        "ap-south", Observations.of(ALL_OK));

    QuorumResult result = RegionQuorum.combine(byRegion, MINUTE, 2);

    assertThat(result.timeline()).isEqualTo(
        Observations.of("OK 0; OK 120; ERROR 180; OK 240; OK 300"));
    assertThat(result.regionalIncidents()).containsExactly(
        new RegionalIncident("eu-west", at(120), at(180)),
        new RegionalIncident("us-east", at(240), at(300)));
  }

  @Test
  void aRegionalIncidentStillGoingOnAtTheLastObservationHasNoEnd() {
    Map<String, List<Observation>> byRegion = Map.of(
        "eu-west", Observations.of(ALL_OK),
        "us-east", Observations.of(ALL_OK),
        "ap-south", Observations.of("OK 0; OK 60; OK 120; OK 180; ERROR 240; ERROR 300"));

    QuorumResult result = RegionQuorum.combine(byRegion, MINUTE, 2);

    assertThat(result.regionalIncidents())
        .containsExactly(new RegionalIncident("ap-south", at(240), null));
    assertThat(result.regionalIncidents().get(0).open()).isTrue();
  }

  @Test
  void anAgentThatStopsReportingNeverMakesTheServiceDown() {
    Map<String, List<Observation>> byRegion = Map.of(
        "eu-west", Observations.of(ALL_OK),
        "us-east", Observations.of(ALL_OK),
        "ap-south", Observations.of("OK 0; OK 70"));

    QuorumResult result = RegionQuorum.combine(byRegion, MINUTE, 2);

    assertThat(result.timeline()).isEqualTo(Observations.of("OK 0; OK 300"));
    assertThat(result.regionalIncidents()).isEmpty();
  }

  @Test
  void aSilentRegionTurnsUnknownTwoIntervalsAfterItsLastObservation() {
    Map<String, List<Observation>> byRegion = Map.of(
        "eu-west", Observations.of(ALL_OK),
        "ap-south", Observations.of("OK 0; OK 70"));

    QuorumResult result = RegionQuorum.combine(byRegion, MINUTE, 2);

    assertThat(result.timeline()).isEqualTo(
        Observations.of("OK 0; OK 180; UNKNOWN 190; UNKNOWN 300"));
  }

  @Test
  void aRegionIsFreshJustBeforeTwoIntervalsAndStaleAtExactlyTwo() {
    Map<String, List<Observation>> byRegion = Map.of(
        "eu-west", Observations.of("OK 0"),
        "us-east", Observations.of("OK 0; OK 100; OK 119; OK 121"));

    QuorumResult result = RegionQuorum.combine(byRegion, MINUTE, 2);

    assertThat(result.timeline()).isEqualTo(
        Observations.of("OK 0; OK 119; UNKNOWN 120; UNKNOWN 121"));
  }

  @Test
  void allRegionsStaleIsUnknown() {
    String gap = "OK 0; OK 60; OK 600";
    Map<String, List<Observation>> byRegion = Map.of(
        "eu-west", Observations.of(gap),
        "us-east", Observations.of(gap),
        "ap-south", Observations.of(gap));

    QuorumResult result = RegionQuorum.combine(byRegion, MINUTE, 2);

    assertThat(result.timeline()).isEqualTo(
        Observations.of("OK 0; OK 120; UNKNOWN 180; OK 600"));
  }

  @Test
  void aRegionWithoutObservationsCountsAsUnknown() {
    Map<String, List<Observation>> byRegion = Map.of(
        "eu-west", Observations.of(ALL_OK),
        "us-east", List.of());

    assertThat(RegionQuorum.combine(byRegion, MINUTE, 2).timeline())
        .isEqualTo(Observations.of("UNKNOWN 0; UNKNOWN 300"));
    assertThat(RegionQuorum.combine(byRegion, MINUTE, 1).timeline())
        .isEqualTo(Observations.of("OK 0; OK 300"));
  }

  @Test
  void oneRegionWithAQuorumOfOneKeepsEveryChange() {
    List<Observation> exampleTwo = Observations.of("OK 1; UNKNOWN 10; ERROR 20; OK 21");

    QuorumResult result =
        RegionQuorum.combine(Map.of("eu-west", exampleTwo), Duration.ofSeconds(10), 1);

    assertThat(result.timeline()).isEqualTo(exampleTwo);
    assertThat(result.regionalIncidents()).isEmpty();
  }

  @Test
  void noObservationsGiveAnEmptyTimeline() {
    QuorumResult result = RegionQuorum.combine(Map.of("eu-west", List.of()), MINUTE, 1);

    assertThat(result.timeline()).isEmpty();
    assertThat(result.regionalIncidents()).isEmpty();
  }

  @ParameterizedTest(name = "quorum {0} of 3 regions is rejected")
  @CsvSource({"0", "-1", "4"})
  void aQuorumOutsideOneToTheNumberOfRegionsIsRejected(int quorum) {
    Map<String, List<Observation>> byRegion =
        Map.of("a", List.of(), "b", List.of(), "c", List.of());

    assertThatThrownBy(() -> RegionQuorum.combine(byRegion, MINUTE, quorum))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quorum " + quorum + " is out of range. "
            + "Expected 1 <= quorum <= 3 (the number of regions)");
  }

  @ParameterizedTest(name = "interval {0} is rejected")
  @CsvSource({"PT0S", "PT-1S"})
  void anIntervalThatIsNotPositiveIsRejected(Duration interval) {
    assertThatThrownBy(() -> RegionQuorum.combine(Map.of("a", List.of()), interval, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval " + interval + " is not positive. Expected a check interval > 0");
  }

  @Test
  void noRegionsAreRejected() {
    assertThatThrownBy(() -> RegionQuorum.combine(Map.of(), MINUTE, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("regions: none. Expected at least one region");
  }

  @Test
  void aBlankRegionNameIsRejected() {
    assertThatThrownBy(() -> RegionQuorum.combine(Map.of(" ", List.of()), MINUTE, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("region ' ': blank name. Expected a region name such as eu-west");
  }
}
