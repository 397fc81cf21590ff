package dev.nines.uptime;

import static dev.nines.uptime.Observations.at;
import static dev.nines.uptime.Observations.obs;
import static dev.nines.uptime.State.ERROR;
import static dev.nines.uptime.State.OK;
import static dev.nines.uptime.State.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UptimeCalculatorTest {
  private static final AttributionTable DEFAULTS = AttributionTable.defaults();

  @Test
  void reproducesWorkedExampleOneUnknownNextToOkIsUp() {
    List<Observation> observations = List.of(obs("10:00:01", OK), obs("10:00:10", OK),
        obs("10:00:11", UNKNOWN), obs("10:00:21", OK));

    UptimeSnapshot snapshot = UptimeCalculator.compute(observations, DEFAULTS);

    assertThat(snapshot).isEqualTo(new UptimeSnapshot(20_000, 0, 0, 1.0, 0.45, 1.0));
    assertThat(snapshot.upSeconds()).isEqualTo(20.0);
  }

  @Test
  void reproducesWorkedExampleTwoAnErrorEndIsDown() {
    List<Observation> observations = List.of(obs("10:00:01", OK), obs("10:00:10", UNKNOWN),
        obs("10:00:20", ERROR), obs("10:00:21", OK));

    UptimeSnapshot snapshot = UptimeCalculator.compute(observations, DEFAULTS);

    assertThat(snapshot).isEqualTo(new UptimeSnapshot(9_000, 11_000, 0, 0.45, 0.0, 0.95));
    assertThat(snapshot.downSeconds()).isEqualTo(11.0);
  }

  @ParameterizedTest(name = "{0}: up {1} ms, down {2}, unknown {3}; {4} in [{5}, {6}]")
  @CsvSource(delimiter = '|', textBlock = """
      OK 0; OK 60                            | 60000 | 0     | 0     | 1.0                | 1.0                | 1.0
      OK 0; OK 30; ERROR 40; OK 60           | 30000 | 30000 | 0     | 0.5                | 0.5                | 0.5
      OK 0; ERROR 30; OK 60                  | 0     | 60000 | 0     | 0.0                | 0.0                | 0.0
      UNKNOWN 0; UNKNOWN 10                  | 0     | 0     | 10000 | 1.0                | 0.0                | 1.0
      ERROR 0; UNKNOWN 10; UNKNOWN 20; OK 40 | 20000 | 10000 | 10000 | 0.6666666666666666 | 0.0                | 1.0
      OK 0; OK 10; ERROR 20; ERROR 20; OK 20; OK 30 | 20000 | 10000 | 0 | 0.6666666666666666 | 0.6666666666666666 | 0.6666666666666666
      OK 0                                   | 0     | 0     | 0     | 1.0                | 1.0                | 1.0
      OK 5; ERROR 5                          | 0     | 0     | 0     | 1.0                | 1.0                | 1.0
      """)
  void attributesTheTimeBetweenConsecutiveObservations(String observations, long up, long down,
      long unknown, double uptime, double lower, double upper) {
    UptimeSnapshot snapshot = UptimeCalculator.compute(Observations.of(observations), DEFAULTS);

    assertThat(snapshot).isEqualTo(new UptimeSnapshot(up, down, unknown, uptime, lower, upper));
  }

  @Test
  void noObservationsIsZeroTimeAndNothingSeenDown() {
    assertThat(UptimeCalculator.compute(List.of(), DEFAULTS))
        .isEqualTo(new UptimeSnapshot(0, 0, 0, 1.0, 1.0, 1.0));
  }

  @Test
  void theOrderOfTheInputDoesNotMatter() {
    List<Observation> shuffled = new ArrayList<>(List.of(obs("10:00:01", OK),
        obs("10:00:10", UNKNOWN), obs("10:00:20", ERROR), obs("10:00:21", OK)));
    Collections.reverse(shuffled);

    assertThat(UptimeCalculator.compute(shuffled, DEFAULTS))
        .isEqualTo(new UptimeSnapshot(9_000, 11_000, 0, 0.45, 0.0, 0.95));
  }

  @Test
  void observationsAtTheSameTimeKeepTheirInputOrder() {
    // ERROR then OK at 20 s: the interval from 20 s starts OK, so 20 s to 30 s is up.
    UptimeSnapshot errorThenOk =
        UptimeCalculator.compute(Observations.of("OK 0; ERROR 20; OK 20; OK 30"), DEFAULTS);
    UptimeSnapshot okThenError =
        UptimeCalculator.compute(Observations.of("OK 0; OK 20; ERROR 20; OK 30"), DEFAULTS);

    assertThat(errorThenOk.upMillis()).isEqualTo(10_000);
    assertThat(okThenError.upMillis()).isEqualTo(20_000);
  }

  @Test
  void anIntervalTheTableCallsUnknownIsUncertainEvenBetweenKnownStates() {
    AttributionTable lenient = DEFAULTS.with(OK, ERROR, Attribution.UNKNOWN);

    UptimeSnapshot snapshot =
        UptimeCalculator.compute(Observations.of("OK 0; OK 30; ERROR 40; OK 60"), lenient);

    // 30 s certainly up, 10 s unknown and uncertain, 20 s certainly down.
    assertThat(snapshot).isEqualTo(new UptimeSnapshot(30_000, 20_000, 10_000, 0.6, 0.5, 2.0 / 3));
  }

  @Test
  void anOverriddenTableChangesThePointValueButNotWhatIsUncertain() {
    AttributionTable strict = DEFAULTS.with(OK, UNKNOWN, Attribution.DOWN)
        .with(UNKNOWN, OK, Attribution.DOWN);
    List<Observation> exampleOne = List.of(obs("10:00:01", OK), obs("10:00:10", OK),
        obs("10:00:11", UNKNOWN), obs("10:00:21", OK));

    assertThat(UptimeCalculator.compute(exampleOne, strict))
        .isEqualTo(new UptimeSnapshot(9_000, 11_000, 0, 0.45, 0.45, 1.0));
  }

  @ParameterizedTest(name = "window [{0} s, {1} s): up {2} ms, down {3}; {4} in [{5}, {6}]")
  @CsvSource(delimiter = '|', textBlock = """
      0  | 60 | 9000 | 11000 | 0.45               | 0.0 | 0.95
      5  | 20 | 5000 | 10000 | 0.3333333333333333 | 0.0 | 1.0
      5  | 15 | 5000 | 5000  | 0.5                | 0.0 | 1.0
      20 | 21 | 0    | 1000  | 0.0                | 0.0 | 0.0
      21 | 60 | 0    | 0     | 1.0                | 1.0 | 1.0
      10 | 10 | 0    | 0     | 1.0                | 1.0 | 1.0
      """)
  void clipsIntervalsToTheWindow(long fromSecond, long toSecond, long up, long down,
      double uptime, double lower, double upper) {
    List<Observation> exampleTwo = Observations.of("OK 1; UNKNOWN 10; ERROR 20; OK 21");

    UptimeSnapshot snapshot =
        UptimeCalculator.compute(exampleTwo, DEFAULTS, at(fromSecond), at(toSecond));

    assertThat(snapshot).isEqualTo(new UptimeSnapshot(up, down, 0, uptime, lower, upper));
  }

  @Test
  void aWindowThatEndsBeforeItStartsIsRejected() {
    Instant from = at(10);
    Instant to = at(5);

    assertThatThrownBy(() -> UptimeCalculator.compute(List.of(), DEFAULTS, from, to))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from 2026-10-01T10:00:10Z is after to 2026-10-01T10:00:05Z. "
            + "Expected from <= to");
  }
}
