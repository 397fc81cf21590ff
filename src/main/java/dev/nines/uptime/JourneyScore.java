package dev.nines.uptime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Journey scoring: a run is good when every step passed and the whole run fit the budget. */
public final class JourneyScore {
  private JourneyScore() {}

  /**
   * Scores one run. {@code total} is the sum of the step durations; the run is good when every
   * step passed and {@code total <= budget} (a run of exactly the budget is good). A failed
   * step wins over the budget: the outcome names the first failed step in run order.
   *
   * @throws IllegalArgumentException for no steps or a budget that is not positive
   */
  public static JourneyOutcome score(List<StepResult> steps, Duration budget) {
    Objects.requireNonNull(budget, "budget");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("steps: none. Expected at least one step in a run");
    }
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget " + budget + " is not positive. "
          + "Expected a journey budget > 0");
    }
    Duration total = steps.stream().map(StepResult::duration).reduce(Duration.ZERO,
        Duration::plus);
    for (StepResult step : steps) {
      if (!step.passed()) {
        return new JourneyOutcome(false, total, step.name(), JourneyOutcome.Reason.STEP_FAILED);
      }
    }
    if (total.compareTo(budget) > 0) {
      return new JourneyOutcome(false, total, null, JourneyOutcome.Reason.OVER_BUDGET);
    }
    return new JourneyOutcome(true, total, null, JourneyOutcome.Reason.PASSED);
  }
}
