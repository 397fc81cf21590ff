package dev.nines.export.prometheus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.nines.slo.TimeSlices;

/**
 * The SLI recording rules of one SLO: {@code slo:sli_error:ratio_rate<W>} for each look-back
 * and for the SLO window. The window ratio is event-weighted: the bad events over the valid
 * events of the whole window, summed from 5-minute event rates recorded alongside. Sloth
 * instead averages the 5-minute ratios, so a quiet night weighs as much as a busy day; in
 * Sloth-compatible mode the rules do the same, to stay identical.
 *
 * <p>With time-slice budgeting every look-back is over slices, as the engine counts them
 * ({@link TimeSlices}): the error ratio of each slice is recorded as
 * {@code ratio_rate<slice>}, and a look-back W is evaluated over the W / slice slices that
 * ended in it by a subquery {@code [W-1s:<slice>]}, aligned to the epoch like the engine's
 * slices. With
 * {@code timeslices} a slice is bad when its error ratio is above {@code 1 - timeSliceTarget}
 * and the look-back's ratio is the share of bad slices; with {@code ratio-timeslices} it is the
 * mean of the slices' error ratios. A slice without traffic (a NaN ratio) counts not at all.
 */
final class SliRecordings {
  static final String ERROR_EVENTS = "slo:sli_error_events:rate";
  static final String TOTAL_EVENTS = "slo:sli_total_events:rate";
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private final SloRules slo;

  SliRecordings(SloRules slo) {
    this.slo = slo;
  }

  List<Rule> rules() {
    TimeSlices slices = TimeSlices.of(slo.slo().budgeting());
    if (slices != null) {
      return sliced(slices);
    }
    List<Rule> out = new ArrayList<>();
    for (Duration w : slo.windows()) {
      out.add(ratio(w, slo.queries().errorRatio(w)));
    }
    Duration period = slo.period();
    if (slo.windows().contains(period)) {
      return out;
    }
    if (slo.sloth()) {
      out.add(ratio(period, averageOfFiveMinuteRatios(period)));
    } else if (slo.queries().counts()) {
      out.add(rate(ERROR_EVENTS, slo.queries().errorRate(FIVE_MINUTES)));
      out.add(rate(TOTAL_EVENTS, slo.queries().totalRate(FIVE_MINUTES)));
      out.add(ratio(period, eventWeighted(period)));
    } else {
      out.add(ratio(period, slo.queries().errorRatio(period)));
    }
    return out;
  }

  private List<Rule> sliced(TimeSlices slices) {
    Duration slice = Duration.ofMinutes(slices.sliceMinutes());
    List<Rule> out = new ArrayList<>();
    out.add(ratio(slice, slo.queries().errorRatio(slice)));
    java.util.TreeSet<Duration> windows = new java.util.TreeSet<>(slo.windows());
    windows.add(slo.period());
    windows.remove(slice);
    String series = RuleNames.SLI_ERROR + PromQl.duration(slice) + slo.selector();
    for (Duration w : windows) {
      // One second short of W, so that the slice ending exactly W ago is out whether the
      // range is closed at its start (Prometheus 2) or open (Prometheus 3): W / slice slices.
      String range = "[" + (w.toSeconds() - 1) + "s:" + PromQl.duration(slice) + "]";
      String expr = slices.ratioUnits()
          ? "avg_over_time((" + series + " == " + series + ")" + range + ")"
          : "1 - avg_over_time(((" + series + " <= bool " + slo.slo().budgeting()
              .timeSliceTarget().negate().add(java.math.BigDecimal.ONE).toPlainString() + ") and ("
              + series + " == " + series + "))" + range + ")";
      out.add(ratio(w, expr));
    }
    return out;
  }

  private Rule ratio(Duration w, String expr) {
    return new Rule.Recording(RuleNames.sliErrorRatio(w), expr, labels(w));
  }

  private Rule rate(String name, String expr) {
    return new Rule.Recording(name + PromQl.duration(FIVE_MINUTES), expr, labels(FIVE_MINUTES));
  }

  private Map<String, String> labels(Duration w) {
    return slo.labels(Map.of("sloth_window", PromQl.duration(w)));
  }

  /** Sloth's optimised window ratio: the mean of the 5-minute ratios over the window. */
  private String averageOfFiveMinuteRatios(Duration period) {
    String series = RuleNames.SLI_ERROR + "5m" + slo.selector() + "[" + PromQl.duration(period) + "]";
    return "sum_over_time(" + series + ")\n/ ignoring (sloth_window)\ncount_over_time(" + series
        + ")\n";
  }

  /** Bad events over valid events of the window, from the recorded 5-minute event rates. */
  private String eventWeighted(Duration period) {
    String range = slo.selector() + "[" + PromQl.duration(period) + "]";
    return "sum_over_time(" + ERROR_EVENTS + "5m" + range + ")\n/ ignoring (sloth_window)\n"
        + "sum_over_time(" + TOTAL_EVENTS + "5m" + range + ")\n";
  }
}
