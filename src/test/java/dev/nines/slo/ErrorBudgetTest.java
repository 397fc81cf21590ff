package dev.nines.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nines.model.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ErrorBudgetTest {

  @ParameterizedTest(name = "{2} bad of {1} at {0} % leaves {4} of the budget")
  @CsvSource({
      "99.9, 1000000, 0,    1.0,   1.0",
      "99.9, 1000000, 250,  0.99975, 0.75",
      "99.9, 1000000, 1000, 0.999, 0.0",
      "99.9, 1000000, 1500, 0.9985, -0.5",
      "95,   200,     10,   0.95,  0.0",
      "99.95, 0,      0,    1.0,   1.0"})
  void remainingBudgetIsOneMinusSpentShare(String target, long valid, long bad, double sli,
      double remaining) {
    ErrorBudget b = ErrorBudget.of(new Counts(valid - bad, valid), Target.parse(target));
    assertThat(b.sliRatio()).isCloseTo(sli, within(1e-12));
    assertThat(b.remainingRatio()).isCloseTo(remaining, within(1e-9));
    assertThat(b.met()).isEqualTo(remaining >= 0);
  }

  @Test
  void zeroTrafficSpendsNothingAndIsNeverNaN() {
    ErrorBudget b = ErrorBudget.of(Counts.ZERO, Target.parse("99.99"));
    assertThat(b.consumedRatio()).isZero();
    assertThat(b.allowedBad()).isZero();
    assertThat(Double.isFinite(b.remainingRatio())).isTrue();
  }

  @Test
  void weightsByEventsNotByMinutes() {
    // Minute one: 1 bad of 1,000. Minute two: 1 bad of 10. Event-weighted SLI is 2/1010 bad,
    // not the average of 0.1 % and 10 %.
    Counts sum = new Counts(999, 1000).plus(new Counts(9, 10));
    assertThat(sum.ratio()).isCloseTo(1008.0 / 1010, within(1e-15));
  }

  @Test
  void goodAboveValidIsRejected() {
    assertThatThrownBy(() -> new Counts(5, 4)).hasMessage(
        "counts good=5 valid=4 are inconsistent. Expected 0 <= good <= valid");
  }
}
