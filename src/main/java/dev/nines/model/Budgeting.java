package dev.nines.model;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How an SLO counts against its budget (OpenSLO's budgeting methods): {@code OCCURRENCES}
 * counts good and valid events; {@code TIMESLICES} counts good slices of
 * {@code timeSliceWindow}, a slice being good when its SLI reaches {@code timeSliceTarget};
 * {@code RATIO_TIMESLICES} averages the per-slice ratios.
 *
 * @param timeSliceTarget 0–1, only for TIMESLICES, else null
 * @param timeSliceWindow only for the slice methods, else null
 */
public record Budgeting(Method method, BigDecimal timeSliceTarget, Duration timeSliceWindow) {

  /** Event counting, the default. */
  public static final Budgeting OCCURRENCES = new Budgeting(Method.OCCURRENCES, null, null);

  public Budgeting {
    if (method != Method.OCCURRENCES && timeSliceWindow == null) {
      throw new IllegalArgumentException(method + " needs a timeSliceWindow");
    }
    if (method == Method.TIMESLICES && timeSliceTarget == null) {
      throw new IllegalArgumentException("TIMESLICES needs a timeSliceTarget");
    }
  }

  /** The budgeting methods, spelled as in OpenSLO. */
  public enum Method { OCCURRENCES, TIMESLICES, RATIO_TIMESLICES }
}
