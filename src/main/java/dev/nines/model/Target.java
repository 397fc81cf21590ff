package dev.nines.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An objective as the share of good events or good time, kept as the exact decimal percentage
 * the user wrote (99.95), so allowed-downtime tables are exact. Inside the code ratios are 0–1.
 */
public record Target(BigDecimal percent) {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public Target {
    if (percent == null || percent.signum() <= 0 || percent.compareTo(HUNDRED) >= 0) {
      throw new IllegalArgumentException(
          (percent == null ? "null" : percent.toPlainString())
              + " is out of range. Expected 0 < target < 100");
    }
  }

  /** Parses {@code 99.9} (or {@code 99.9%}). */
  public static Target parse(String text) {
    String s = text.strip();
    if (s.endsWith("%")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    try {
      return new Target(new BigDecimal(s));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number. Expected a percentage "
          + "such as 99.9", e);
    }
  }

  /** Builds a target from a 0–1 ratio such as OpenSLO's {@code 0.995}. */
  public static Target ofRatio(BigDecimal ratio) {
    BigDecimal percent = ratio.multiply(HUNDRED).stripTrailingZeros();
    return new Target(percent.scale() < 0 ? percent.setScale(0) : percent);
  }

  /**
   * A warning when the percentage looks like a 0–1 ratio as OpenSLO and Sloth users write it
   * ({@code 0.999 is a percentage here: did you mean 99.9?}), or null for a target of 1 % or more.
   */
  public String ratioHint() {
    if (percent.compareTo(BigDecimal.ONE) >= 0) {
      return null;
    }
    BigDecimal meant = percent.multiply(HUNDRED).stripTrailingZeros();
    return percent.toPlainString() + " is a percentage here: did you mean "
        + (meant.scale() < 0 ? meant.setScale(0) : meant).toPlainString() + "?";
  }

  /** The objective as a ratio, e.g. 0.999. */
  public double ratio() {
    return percent.divide(HUNDRED, MathContext.DECIMAL64).doubleValue();
  }

  /** The error budget as an exact decimal ratio: (100 - percent) / 100, e.g. 0.001. */
  public BigDecimal budgetDecimal() {
    return HUNDRED.subtract(percent).divide(HUNDRED, MathContext.DECIMAL128);
  }

  /** The error budget as a ratio, e.g. 0.001 for 99.9 (the double closest to the exact value). */
  public double budgetRatio() {
    return budgetDecimal().doubleValue();
  }

  /** Allowed bad seconds over a period of {@code seconds}: budget × seconds, exact to the millisecond. */
  public BigDecimal allowedSeconds(BigDecimal seconds) {
    return budgetDecimal().multiply(seconds).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }

  @Override public String toString() {
    return percent.toPlainString() + "%";
  }
}
