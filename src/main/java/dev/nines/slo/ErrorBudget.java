package dev.nines.slo;

import dev.nines.model.Target;

/**
 * The error budget of an SLO over its window: how many bad events the target allows, how many
 * were spent, and the share left. All ratios are 0–1; the remaining share goes below zero when
 * the budget is overspent, so "how far over" stays visible.
 *
 * @param sliRatio good / valid (1.0 with no traffic)
 * @param allowedBad budget × valid events (or seconds)
 * @param consumedRatio bad / allowedBad (0.0 with no traffic)
 * @param remainingRatio 1 - consumedRatio
 */
public record ErrorBudget(double sliRatio, double allowedBad, long bad, double consumedRatio,
    double remainingRatio) {

  /**
   * The budget of {@code counts} under {@code target}. With no valid events nothing is spent:
   * SLI 1.0, remaining 1.0.
   */
  public static ErrorBudget of(Counts counts, Target target) {
    return of(counts, target.budgetRatio());
  }

  /** The budget of {@code counts} with an error budget of {@code budgetRatio} (0–1). */
  public static ErrorBudget of(Counts counts, double budgetRatio) {
    double allowed = budgetRatio * counts.valid();
    double consumed = counts.valid() == 0 ? 0.0 : counts.bad() / allowed;
    return new ErrorBudget(counts.ratio(), allowed, counts.bad(), consumed, 1.0 - consumed);
  }

  /** Whether the SLO is met: the SLI is at or above the target. */
  public boolean met() {
    return remainingRatio >= 0.0;
  }
}
