package dev.nines.slo;

import dev.nines.model.Budgeting;
import java.math.BigDecimal;

/**
 * Time-slice budgeting (OpenSLO's Timeslices and RatioTimeslices): the window is cut into
 * slices of {@code timeSliceWindow} aligned to the epoch, each slice is judged from the events
 * in it, and the SLI is over slices instead of events. A slice without valid events does not
 * count at all.
 * <ul>
 *   <li>{@code TIMESLICES}: a slice is good when its ratio good / valid reaches
 *       {@code timeSliceTarget}; it counts as good 1 of valid 1. SLI = good slices / slices
 *       with data.
 *   <li>{@code RATIO_TIMESLICES}: a slice counts its ratio, as good = round(ratio x
 *       {@link #RATIO_SCALE}) of valid {@link #RATIO_SCALE}. SLI = the mean of the slices'
 *       ratios.
 * </ul>
 * Budgets and burn rates are then the usual ones over these counts: with a 99 % target, 1 %
 * of the slices may be bad.
 */
public final class TimeSlices {
  /** The units a ratio slice is counted in: its ratio to six decimals. */
  public static final long RATIO_SCALE = 1_000_000;

  private final Budgeting.Method method;
  private final BigDecimal target;
  private final int sliceMinutes;

  private TimeSlices(Budgeting b) {
    this.method = b.method();
    this.target = b.timeSliceTarget();
    long minutes = b.timeSliceWindow().toMinutes();
    if (minutes < 1 || !b.timeSliceWindow().equals(java.time.Duration.ofMinutes(minutes))) {
      throw new IllegalArgumentException("timeSliceWindow " + b.timeSliceWindow() + " is not a "
          + "whole number of minutes. Expected a slice of 1m or more, e.g. 1m or 5m");
    }
    this.sliceMinutes = Math.toIntExact(minutes);
  }

  /**
   * The slicing of {@code budgeting}, or null when it counts occurrences.
   *
   * @throws IllegalArgumentException when the slice is not a whole number of minutes
   */
  public static TimeSlices of(Budgeting budgeting) {
    return budgeting == null || budgeting.method() == Budgeting.Method.OCCURRENCES ? null
        : new TimeSlices(budgeting);
  }

  /** Minutes per slice. */
  public int sliceMinutes() {
    return sliceMinutes;
  }

  /** The slice an epoch minute falls in. */
  public long sliceOf(long minute) {
    return Math.floorDiv(minute, sliceMinutes);
  }

  /** The last epoch minute of a slice. */
  public long lastMinute(long slice) {
    return (slice + 1) * sliceMinutes - 1;
  }

  /** Whether {@code minute} is the last minute of its slice. */
  public boolean endsSlice(long minute) {
    return Math.floorMod(minute + 1, sliceMinutes) == 0;
  }

  /**
   * How one slice counts from its events: {@code [good, valid]} in slices (or ratio units);
   * {@code [0, 0]} without valid events.
   */
  public long[] count(long good, long valid) {
    if (valid <= 0) {
      return new long[] {0, 0};
    }
    if (method == Budgeting.Method.RATIO_TIMESLICES) {
      return new long[] {Math.round((double) good / valid * RATIO_SCALE), RATIO_SCALE};
    }
    // good / valid >= target, exactly: good >= target x valid.
    boolean met = BigDecimal.valueOf(good).compareTo(target.multiply(BigDecimal.valueOf(valid)))
        >= 0;
    return new long[] {met ? 1 : 0, 1};
  }

  /** Whether counts are ratio units ({@link #RATIO_SCALE} per slice) rather than slices. */
  public boolean ratioUnits() {
    return method == Budgeting.Method.RATIO_TIMESLICES;
  }
}
