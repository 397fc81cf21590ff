package dev.nines.uptime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * State-based uptime: attributes the time between consecutive observations with an
 * {@link AttributionTable} and reduces it to an {@link UptimeSnapshot} with bounds.
 */
public final class UptimeCalculator {
  private UptimeCalculator() {}

  /**
   * Uptime over every interval between the observations, with the formulas and edge cases of
   * {@link #compute(List, AttributionTable, Instant, Instant)}.
   */
  public static UptimeSnapshot compute(List<Observation> observations, AttributionTable table) {
    return compute(observations, table, Instant.MIN, Instant.MAX);
  }

  /**
   * Uptime over the window {@code [from, to)}.
   *
   * <p>Observations are stably sorted by time; each interval between two consecutive ones is
   * clipped to the window and attributed by {@code table} from its end states. The open tail
   * after the last observation counts for nothing. With up, down and unknown the attributed
   * milliseconds:
   * <ul>
   *   <li>{@code uptime = up / (up + down)};
   *   <li>an interval is uncertain when either end is UNKNOWN or the table attributes it
   *       UNKNOWN; the others are certainly up or certainly down, and with
   *       {@code total = certainUp + certainDown + uncertain},
   *       {@code lower = certainUp / total} and {@code upper = (certainUp + uncertain) / total}.
   * </ul>
   * Edge cases: fewer than two observations, or no time inside the window, give 0 ms and all
   * three ratios 1.0 (nothing was seen down); only unknown time gives uptime 1.0, lower 0.0 and
   * upper 1.0. No ratio is ever NaN or infinite.
   *
   * @throws IllegalArgumentException when {@code from} is after {@code to}
   */
  public static UptimeSnapshot compute(List<Observation> observations, AttributionTable table,
      Instant from, Instant to) {
    Objects.requireNonNull(table, "table");
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to
          + ". Expected from <= to");
    }
    List<Observation> sorted = new ArrayList<>(observations);
    sorted.sort(Comparator.comparing(Observation::time));
    Tally tally = new Tally();
    for (int i = 1; i < sorted.size(); i++) {
      Observation a = sorted.get(i - 1);
      Observation b = sorted.get(i);
      Instant start = a.time().isBefore(from) ? from : a.time();
      Instant end = b.time().isAfter(to) ? to : b.time();
      if (start.isBefore(end)) {
        tally.add(a.state(), b.state(), table, Duration.between(start, end).toMillis());
      }
    }
    return tally.snapshot();
  }

  /** Running sums of attributed milliseconds, point and bound views side by side. */
  private static final class Tally {
    private long up;
    private long down;
    private long unknown;
    private long certainUp;
    private long certainDown;
    private long uncertain;

    void add(State from, State to, AttributionTable table, long millis) {
      Attribution attribution = table.attribute(from, to);
      switch (attribution) {
        case UP -> up += millis;
        case DOWN -> down += millis;
        case UNKNOWN -> unknown += millis;
      }
      if (from == State.UNKNOWN || to == State.UNKNOWN || attribution == Attribution.UNKNOWN) {
        uncertain += millis;
      } else if (attribution == Attribution.UP) {
        certainUp += millis;
      } else {
        certainDown += millis;
      }
    }

    UptimeSnapshot snapshot() {
      long total = certainUp + certainDown + uncertain;
      if (total == 0) {
        return new UptimeSnapshot(up, down, unknown, 1.0, 1.0, 1.0);
      }
      double uptime = up + down == 0 ? 1.0 : (double) up / (up + down);
      double lower = (double) certainUp / total;
      double upper = (double) (certainUp + uncertain) / total;
      return new UptimeSnapshot(up, down, unknown, uptime, lower, upper);
    }
  }
}
