package dev.nines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @ParameterizedTest(name = "{0} is {1} ms and prints as {2}")
  @CsvSource({"500ms, 500, 500ms", "30s, 30000, 30s", "5m, 300000, 5m", "1h30m, 5400000, 1h30m",
      "28d, 2419200000, 28d", "2w, 1209600000, 14d"})
  void parsesAndFormatsShorthand(String text, long millis, String formatted) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(formatted);
  }

  @Test
  void rejectsUnknownUnits() {
    assertThatThrownBy(() -> Durations.parse("1M")).hasMessage("'1M' is not a duration. "
        + "Expected digits with a unit ms, s, m (minutes), h, d or w, e.g. 30s, 5m, 1h30m, 28d");
  }

  @ParameterizedTest(name = "{0} is too long")
  @CsvSource({"99999999999d", "9223372036854775807ms", "99999999999999999999999s", "3651d",
      "3650d1ms", "600w", "999999999999w"})
  void aDurationOverTenYearsIsTooLongNotAnOverflow(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(Durations.TooLongException.class)
        .hasMessage("'" + text + "' is too long. Expected at most 3650d");
  }

  @Test
  void tenYearsIsTheLongestDuration() {
    assertThat(Durations.parse("3650d")).isEqualTo(Durations.MAX);
  }
}
