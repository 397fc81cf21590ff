package dev.nines.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import dev.nines.slo.SloStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FmtTest {

  @ParameterizedTest(name = "{0} ms reads {1}")
  @CsvSource({"212043, 3m 32s", "0, 0s", "400, 0.4s", "1000, 0m 1s", "60000, 1m 0s",
      "3723000, 1h 2m 3s", "93784000, 1d 2h 3m"})
  void millisecondsOfTimeReadAsMinutesAndSeconds(long millis, String reads) {
    assertThat(Fmt.millisAsTime(millis)).isEqualTo(reads);
  }

  @ParameterizedTest(name = "{0} reads {1}")
  @CsvSource({"PT0.45S, 450 ms", "PT7.5S, 7.5s", "PT30S, 30s", "PT5M10S, 5m 10s", "PT3H, 3h",
      "P3DT4H, 3d 4h"})
  void durationsReadInTheirTwoLargestUnits(Duration d, String reads) {
    assertThat(Fmt.dur(d)).isEqualTo(reads);
  }

  @ParameterizedTest(name = "{0} retries {1} apart: {2}")
  @CsvSource({"0, PT5S, no retries", "1, PT5S, 1 retry after 5s", "2, PT30S, 2 retries 30s apart"})
  void retriesReadInTheSingularForOne(int n, Duration apart, String reads) {
    assertThat(Fmt.retries(n, apart)).isEqualTo(reads);
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({"0, step, 0 steps", "1, step, 1 step", "3, step, 3 steps", "1200, change, '1,200 changes'"})
  void countsTakeTheSingularForOne(long n, String noun, String reads) {
    assertThat(Fmt.plural(n, noun)).isEqualTo(reads);
  }

  private static SloStatus status(long good, long valid, Duration... exhaustions) {
    List<SloStatus.Forecast> forecasts = java.util.Arrays.stream(exhaustions)
        .map(e -> new SloStatus.Forecast(Duration.ofHours(1), 2.0, e)).toList();
    return new SloStatus(null, new Counts(good, valid), ErrorBudget.of(new Counts(good, valid),
        0.001), List.of(), null, forecasts);
  }

  @Test
  void aBudgetAlreadySpentIsSpentNotGoneNow() {
    assertThat(Fmt.budgetGone(status(998_000, 1_000_000, Duration.ZERO))).isEqualTo("spent");
    assertThat(Fmt.budgetGone(status(998_000, 1_000_000))).as("spent, though burning nothing now")
        .isEqualTo("spent");
    assertThat(Fmt.exhaustion(new SloStatus.Forecast(Duration.ofHours(1), 3.0, Duration.ZERO)))
        .isEqualTo("spent");
  }

  @Test
  void aBudgetLeftIsGoneAtTheSoonestForecastOrNever() {
    assertThat(Fmt.budgetGone(status(999_500, 1_000_000, Duration.ofHours(30), Duration.ofHours(5))))
        .isEqualTo("in 5h");
    assertThat(Fmt.budgetGone(status(999_500, 1_000_000, (Duration) null))).isEqualTo("never");
  }
}
