package dev.nines.uptime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One monitor as uptime sees it: the observations of each of its regions (a region without
 * any is silent), its check interval, the quorum of regions that must agree on ERROR, and
 * {@code staleAfter}, the silence after which a region's last observation no longer counts and
 * the region is UNKNOWN. Observations of a region are kept sorted by time, in input order
 * among equal times.
 */
public record MonitorObservations(String monitor, Map<String, List<Observation>> byRegion,
    Duration interval, int quorum, Duration staleAfter) {
  /** A region is silent once its last observation is this many intervals old. */
  public static final int STALE_INTERVALS = 2;

  public MonitorObservations {
    Objects.requireNonNull(monitor, "monitor");
    if (byRegion.isEmpty()) {
      throw new IllegalArgumentException(monitor + ": regions: none. Expected at least one "
          + "region");
    }
    Map<String, List<Observation>> copy = new LinkedHashMap<>();
    byRegion.forEach((region, observations) -> {
      if (region == null || region.isBlank()) {
        throw new IllegalArgumentException(monitor + ": region '" + region + "': blank name. "
            + "Expected a region name such as eu-west");
      }
      List<Observation> sorted = new ArrayList<>(observations);
      sorted.sort(Comparator.comparing(Observation::time));
      copy.put(region, List.copyOf(sorted));
    });
    byRegion = java.util.Collections.unmodifiableMap(copy);
    requirePositive(monitor, "interval", interval);
    requirePositive(monitor, "staleAfter", staleAfter);
    if (quorum < 1 || quorum > byRegion.size()) {
      throw new IllegalArgumentException(monitor + ": quorum " + quorum + " is out of range. "
          + "Expected 1 <= quorum <= " + byRegion.size() + " (the number of regions)");
    }
  }

  private static void requirePositive(String monitor, String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(monitor + ": " + name + " " + d + " is not positive. "
          + "Expected a duration > 0");
    }
  }

  /** A monitor whose regions turn silent after {@link #STALE_INTERVALS} intervals. */
  public static MonitorObservations of(String monitor, Map<String, List<Observation>> byRegion,
      Duration interval, int quorum) {
    return new MonitorObservations(monitor, byRegion, interval, quorum,
        interval.multipliedBy(STALE_INTERVALS));
  }

  /** This monitor with one region only, which alone decides (quorum 1). */
  public MonitorObservations region(String region) {
    return new MonitorObservations(monitor, Map.of(region, byRegion.get(region)), interval, 1,
        staleAfter);
  }
}
