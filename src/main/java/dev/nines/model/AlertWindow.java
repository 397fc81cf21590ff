package dev.nines.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.List;

/**
 * One multi-window burn-rate condition: fire when the burn rate over both the long and the
 * short look-back exceeds the factor. The factor is derived from the share of the budget the
 * condition may consume over the long window, so it scales with the SLO window (Google SRE
 * Workbook, "Alerting on SLOs"): factor = budgetConsumed × sloWindowHours / longWindowHours.
 *
 * @param shortWindow the confirming short look-back, or null for a single-window condition
 * @param budgetConsumed share of the whole budget, 0–1 (0.02 for "2 % in one hour")
 * @param factor an explicit factor overriding the derived one, or null
 */
public record AlertWindow(Severity severity, Duration longWindow, Duration shortWindow,
    BigDecimal budgetConsumed, BigDecimal factor) {

  public AlertWindow {
    if (longWindow.isNegative() || longWindow.isZero()) {
      throw new IllegalArgumentException("long window must be positive");
    }
    if (shortWindow != null && (shortWindow.isNegative() || shortWindow.isZero())) {
      throw new IllegalArgumentException("short window must be positive");
    }
    if (shortWindow != null && shortWindow.compareTo(longWindow) >= 0) {
      throw new IllegalArgumentException("short window " + Durations.format(shortWindow)
          + " is not shorter than long window " + Durations.format(longWindow)
          + ". Expected short < long");
    }
    if (factor == null && (budgetConsumed == null || budgetConsumed.signum() <= 0
        || budgetConsumed.compareTo(BigDecimal.ONE) > 0)) {
      throw new IllegalArgumentException("budget consumed must be in (0, 1] or a factor given");
    }
    if (factor != null && factor.signum() <= 0) {
      throw new IllegalArgumentException("factor " + factor + " must be positive");
    }
  }

  /** The four conditions of the SRE Workbook: page 2 % in 1 h and 5 % in 6 h, ticket 10 % in 1 d and in 3 d. */
  public static List<AlertWindow> googleDefaults() {
    return List.of(
        derived(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), "0.02"),
        derived(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), "0.05"),
        derived(Severity.TICKET, Duration.ofDays(1), Duration.ofHours(2), "0.1"),
        derived(Severity.TICKET, Duration.ofDays(3), Duration.ofHours(6), "0.1"));
  }

  /** A condition whose factor is derived from the budget share. */
  public static AlertWindow derived(Severity severity, Duration longWindow, Duration shortWindow,
      String budgetConsumed) {
    return new AlertWindow(severity, longWindow, shortWindow, new BigDecimal(budgetConsumed), null);
  }

  /**
   * The burn-rate threshold for an SLO over {@code sloWindow}: the explicit factor if given,
   * else budgetConsumed × sloWindow / longWindow (14.4 for 2 % in 1 h of 30 d; 13.44 of 28 d).
   */
  public BigDecimal factorFor(Duration sloWindow) {
    if (factor != null) {
      return factor;
    }
    // Multiply before dividing, so exact results stay exact (0.42 × 168 h / 72 h is 0.98).
    return budgetConsumed.multiply(BigDecimal.valueOf(sloWindow.toMillis()))
        .divide(BigDecimal.valueOf(longWindow.toMillis()), MathContext.DECIMAL64)
        .stripTrailingZeros();
  }
}
