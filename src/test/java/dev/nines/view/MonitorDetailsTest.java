package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonitorDetailsTest {
  static final Instant T = Instant.parse("2026-10-01T10:00:00Z");

  @Test
  void aRegionThatStopsReportingTurnsUnknownTwoIntervalsAfterItsLastCheck() {
    List<Observation> steps = MonitorDetails.steps(Map.of("eu", List.of(
        new Observation(T, State.OK), new Observation(T.plusSeconds(30), State.OK))),
        Duration.ofSeconds(30), 1, T.plusSeconds(300));
    assertThat(steps).containsExactly(new Observation(T, State.OK),
        new Observation(T.plusSeconds(30), State.OK),
        new Observation(T.plusSeconds(90), State.UNKNOWN),
        new Observation(T.plusSeconds(300), State.UNKNOWN));
  }

  @Test
  void oneFailingRegionOfThreeIsNotAnOutageButTwoAre() {
    Map<String, List<Observation>> regions = Map.of(
        "eu", List.of(new Observation(T, State.ERROR)),
        "us", List.of(new Observation(T, State.OK)),
        "ap", List.of(new Observation(T, State.OK)));
    assertThat(MonitorDetails.steps(regions, Duration.ofSeconds(30), 2, T.plusSeconds(10)))
        .containsExactly(new Observation(T, State.OK), new Observation(T.plusSeconds(10), State.OK));
    Map<String, List<Observation>> two = Map.of(
        "eu", List.of(new Observation(T, State.ERROR)),
        "us", List.of(new Observation(T, State.ERROR)),
        "ap", List.of(new Observation(T, State.OK)));
    assertThat(MonitorDetails.steps(two, Duration.ofSeconds(30), 2, T.plusSeconds(10)))
        .last().isEqualTo(new Observation(T.plusSeconds(10), State.ERROR));
  }
}
