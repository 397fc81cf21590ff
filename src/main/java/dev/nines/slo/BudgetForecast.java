package dev.nines.slo;

import java.time.Duration;
import java.util.Optional;

/**
 * When the error budget runs out if the current burn rate goes on. At burn rate b the budget
 * is spent b times as fast as over the whole window W, so a remaining share r lasts
 * r × W / b.
 */
public final class BudgetForecast {
  private BudgetForecast() {}

  /**
   * Time until the budget is gone.
   *
   * @return empty when the burn rate is zero, negative or NaN (never at this pace); {@link
   *     Duration#ZERO} when nothing remains or the burn rate is infinite
   */
  public static Optional<Duration> timeToExhaustion(double remainingRatio, double burnRate,
      Duration window) {
    if (!(remainingRatio > 0.0)) {
      return Optional.of(Duration.ZERO);
    }
    if (!(burnRate > 0.0)) {
      return Optional.empty();
    }
    if (Double.isInfinite(burnRate)) {
      return Optional.of(Duration.ZERO);
    }
    double millis = remainingRatio * window.toMillis() / burnRate;
    return Optional.of(Duration.ofMillis(Math.round(Math.min(millis, Long.MAX_VALUE / 2.0))));
  }
}
