package dev.nines.slo;

import dev.nines.model.Severity;
import dev.nines.model.WindowPeriod;
import java.time.Duration;
import java.util.List;

/**
 * An SLO's state at one instant: its window counts and error budget, every burn-rate
 * condition, the alert it raises, and budget forecasts at the current 1 h, 6 h and 1 d burn.
 *
 * @param alert the most urgent firing severity, or null
 */
public record SloStatus(WindowPeriod period, Counts window, ErrorBudget budget,
    List<BurnCondition> conditions, Severity alert, List<Forecast> forecasts) {
  public SloStatus {
    conditions = List.copyOf(conditions);
    forecasts = List.copyOf(forecasts);
  }

  /**
   * When the budget is gone if the burn rate over {@code lookback} goes on.
   *
   * @param exhaustion null when it never runs out at this pace
   */
  public record Forecast(Duration lookback, double burnRate, Duration exhaustion) {}
}
