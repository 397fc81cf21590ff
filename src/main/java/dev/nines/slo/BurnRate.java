package dev.nines.slo;

import dev.nines.model.Target;

/**
 * Burn rate: how fast a look-back window spends the error budget relative to spending it
 * exactly over the SLO window. burn = (bad / valid over the look-back) / (1 - target); 1.0
 * spends the budget exactly, 14.4 spends 2 % of a 30-day budget in one hour.
 */
public final class BurnRate {
  private BurnRate() {}

  /** The burn rate of {@code lookback} under {@code target}; 0.0 with no valid events. */
  public static double of(Counts lookback, Target target) {
    return of(lookback, target.budgetRatio());
  }

  /** The burn rate of {@code lookback} with an error budget of {@code budgetRatio} (0–1). */
  public static double of(Counts lookback, double budgetRatio) {
    return lookback.badRatio() / budgetRatio;
  }
}
