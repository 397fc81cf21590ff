package dev.nines.slo;

/**
 * Good and valid events (or seconds) of a ratio SLI over some span. The SLI is good / valid,
 * weighted by events, never an average of per-minute ratios.
 */
public record Counts(long good, long valid) {
  /** No events. */
  public static final Counts ZERO = new Counts(0, 0);

  public Counts {
    if (good < 0 || valid < 0 || good > valid) {
      throw new IllegalArgumentException("counts good=" + good + " valid=" + valid
          + " are inconsistent. Expected 0 <= good <= valid");
    }
  }

  /** Bad events: valid - good. */
  public long bad() {
    return valid - good;
  }

  /** The SLI, good / valid; 1.0 when there were no valid events (nothing went wrong). */
  public double ratio() {
    return valid == 0 ? 1.0 : (double) good / valid;
  }

  /** The bad fraction, bad / valid; 0.0 when there were no valid events. */
  public double badRatio() {
    return valid == 0 ? 0.0 : (double) bad() / valid;
  }

  public Counts plus(Counts o) {
    return new Counts(good + o.good, valid + o.valid);
  }
}
