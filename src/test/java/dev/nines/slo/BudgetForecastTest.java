package dev.nines.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetForecastTest {

  @ParameterizedTest(name = "{0} left at burn {1} lasts {2}")
  @CsvSource({
      "1.0,  1,    PT720H",   // burn 1 spends a full budget over the 30-day window
      "1.0,  14.4, PT50H",    // the classic page: a 30-day budget gone in 50 hours
      "0.5,  2,    PT180H",
      "0.25, 720,  PT15M",
      "0.0,  3,    PT0S",     // already spent
      "-0.2, 3,    PT0S",
      "0.5,  Infinity, PT0S"})
  void remainingShareTimesWindowOverBurn(double remaining, double burn, Duration expected) {
    assertThat(BudgetForecast.timeToExhaustion(remaining, burn, Duration.ofDays(30)))
        .contains(expected);
  }

  @ParameterizedTest(name = "burn {0} never exhausts the budget")
  @CsvSource({"0", "-1", "NaN"})
  void noBurnNeverExhausts(double burn) {
    assertThat(BudgetForecast.timeToExhaustion(0.7, burn, Duration.ofDays(30)))
        .isEqualTo(Optional.empty());
  }
}
