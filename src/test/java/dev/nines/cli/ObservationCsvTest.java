package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationCsvTest {

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(delimiter = '|', textBlock = """
      2026-10-01T10:00:01Z         | 2026-10-01T10:00:01Z
      2026-10-01T10:00:01.250Z     | 2026-10-01T10:00:01.250Z
      2026-10-01T12:00:01+02:00    | 2026-10-01T10:00:01Z
      2026-10-01T10:00:01          | 2026-10-01T10:00:01Z
      2026-10-01T10:00             | 2026-10-01T10:00:00Z
      1790848801                   | 2026-10-01T10:00:01Z
      1790848801.5                 | 2026-10-01T10:00:01.500Z
      ' 1790848801 '               | 2026-10-01T10:00:01Z
      -1.5                         | 1969-12-31T23:59:58.500Z
      """)
  void parsesInstantsUtcDateTimesAndEpochSeconds(String text, Instant expected) {
    assertThat(ObservationCsv.parseTime(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}'' is not a time")
  @CsvSource(delimiter = '|', textBlock = """
      10:00
      2026-10-01
      2026-13-01T10:00:00
      99999999999999999
      1790848801.1234567891
      yesterday
      """)
  void rejectsOtherTextNamingItAndTheAcceptedForms(String text) {
    assertThatThrownBy(() -> ObservationCsv.parseTime(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a time. Expected an ISO-8601 instant "
            + "(2026-10-01T10:00:01Z), a date-time taken as UTC (2026-10-01T10:00:01) or epoch "
            + "seconds (1790848801)");
  }

  @Test
  void aHeaderIsSkippedOnlyOnTheFirstLine() {
    ObservationCsv csv = ObservationCsv.parse("x.csv", List.of(
        "\uFEFF# exported 2026-10-01", "Time,State,Region", "1790848801,OK,eu", "time,state"));

    assertThat(csv.observations()).containsExactly(
        new Observation(Instant.parse("2026-10-01T10:00:01Z"), State.OK));
    assertThat(csv.problems()).containsExactly(
        "x.csv:4: 'time' is not a time. Expected an ISO-8601 instant (2026-10-01T10:00:01Z), "
            + "a date-time taken as UTC (2026-10-01T10:00:01) or epoch seconds (1790848801)",
        "x.csv:4: 'state' is not a state. Expected OK, UNKNOWN or ERROR");
  }

  @Test
  void groupsObservationsByRegionWhenTheLinesHaveOne() {
    ObservationCsv csv = ObservationCsv.parse("x.csv", List.of(
        "1790848801,OK,eu-west", "1790848801,ERROR,us-east", "1790848861,OK,eu-west"));

    assertThat(csv.regional()).isTrue();
    assertThat(csv.byRegion()).containsOnlyKeys("eu-west", "us-east");
    assertThat(csv.byRegion().get("eu-west")).hasSize(2);
    assertThat(csv.observations()).hasSize(3);
  }
}
