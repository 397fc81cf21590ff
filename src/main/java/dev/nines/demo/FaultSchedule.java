package dev.nines.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When the live run plays each fault: offsets in simulated time within a repeating cycle.
 * {@link #DEFAULT} is the hour the README describes; at {@code --speed 60} it repeats every
 * real minute.
 */
public record FaultSchedule(Duration cycle, List<Entry> entries) {
  /** One fault starting {@code at} into each cycle. */
  public record Entry(Duration at, Fault fault) {}

  /**
   * Three quiet minutes, then one fault after the other, each over before the next starts:
   * 3 min slow-shop (5 min), 10 min courier-errors (10), 22 min region-network (5),
   * 29 min tracking-lag (8), 40 min app-down (2), 45 min cert-expiry (10); the hour repeats.
   */
  public static final FaultSchedule DEFAULT = new FaultSchedule(Duration.ofHours(1), List.of(
      new Entry(Duration.ofMinutes(3), Fault.SLOW_SHOP),
      new Entry(Duration.ofMinutes(10), Fault.COURIER_ERRORS),
      new Entry(Duration.ofMinutes(22), Fault.REGION_NETWORK),
      new Entry(Duration.ofMinutes(29), Fault.TRACKING_LAG),
      new Entry(Duration.ofMinutes(40), Fault.APP_DOWN),
      new Entry(Duration.ofMinutes(45), Fault.CERT_EXPIRY)));

  public FaultSchedule {
    entries = entries.stream().sorted(Comparator.comparing(Entry::at)).toList();
    if (!cycle.isPositive()) {
      throw new IllegalArgumentException("cycle " + cycle + ": not positive. Expected a cycle "
          + "length > 0");
    }
    for (Entry e : entries) {
      if (e.at().isNegative() || e.at().compareTo(cycle) >= 0) {
        throw new IllegalArgumentException("fault " + e.fault().id() + " at " + e.at()
            + ": outside the cycle. Expected 0 <= at < " + cycle);
      }
    }
  }

  /**
   * The faults that start in {@code (from, to]} of simulated time since the run started,
   * in order, over as many cycles as the span covers.
   */
  public List<Entry> startingIn(Duration from, Duration to) {
    List<Entry> out = new ArrayList<>();
    if (entries.isEmpty() || to.compareTo(from) <= 0) {
      return out;
    }
    long firstCycle = Math.max(0, Math.floorDiv(from.toMillis(), cycle.toMillis()));
    for (long c = firstCycle; cycle.multipliedBy(c).compareTo(to) <= 0; c++) {
      for (Entry e : entries) {
        Duration start = cycle.multipliedBy(c).plus(e.at());
        if (start.compareTo(from) > 0 && start.compareTo(to) <= 0) {
          out.add(new Entry(start, e.fault()));
        }
      }
    }
    return out;
  }

  /** Whether a fault lasts past the start of the next one (in this cycle or the next). */
  public boolean overlaps() {
    for (int i = 0; i + 1 < entries.size(); i++) {
      Entry e = entries.get(i);
      if (e.at().plus(e.fault().duration()).compareTo(entries.get(i + 1).at()) > 0) {
        return true;
      }
    }
    Entry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
    return last != null && last.at().plus(last.fault().duration())
        .compareTo(cycle.plus(entries.get(0).at())) > 0;
  }
}
