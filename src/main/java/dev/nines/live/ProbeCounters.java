package dev.nines.live;

import dev.nines.probe.Attempt;
import dev.nines.probe.Phases;
import dev.nines.slo.LatencyHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Running counts of probe attempts since the process started, per monitor, region and
 * outcome, with a histogram of each phase's duration: what {@code /metrics} exposes as
 * {@code nines_probe_attempts_total} and {@code nines_probe_phase_seconds}. Thread-safe.
 */
public final class ProbeCounters {
  /** Upper bounds of the phase histograms in milliseconds; a last, unbounded bucket follows. */
  public static final long[] BOUNDS_MILLIS =
      {5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000};
  /** Phase names, in the order of {@link Snapshot#phases()}. */
  public static final List<String> PHASES = List.of("dns", "connect", "tls", "first_byte", "total");

  /** Counts of one monitor in one region. */
  public record Snapshot(String monitor, String region, long ok, long error,
      List<Histogram> phases) {}

  /**
   * One phase's histogram: cumulative counts per bound (the last is +Inf) and the sum.
   *
   * @param cumulative counts of observations at or below each bound, then the total count
   */
  public record Histogram(String phase, long[] cumulative, double sumSeconds) {}

  private static final class Cell {
    final AtomicLongArray outcomes = new AtomicLongArray(2);
    final long[][] buckets = new long[PHASES.size()][BOUNDS_MILLIS.length + 1];
    final double[] sums = new double[PHASES.size()];
  }

  private final Map<String, Map<String, Cell>> cells = new ConcurrentHashMap<>();

  /** Counts one attempt and its phases (a phase that did not happen is not observed). */
  public void record(Attempt a) {
    Cell c = cells.computeIfAbsent(a.monitor(), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(a.region(), k -> new Cell());
    c.outcomes.incrementAndGet(a.ok() ? 0 : 1);
    Phases p = a.phases();
    double[] millis = {p.dnsMillis(), p.connectMillis(), p.tlsMillis(), p.firstByteMillis(),
        p.totalMillis()};
    synchronized (c) {
      for (int i = 0; i < millis.length; i++) {
        if (millis[i] >= 0) {
          c.buckets[i][LatencyHistogram.bucketIndex(BOUNDS_MILLIS, millis[i])]++;
          c.sums[i] += millis[i] / 1000.0;
        }
      }
    }
  }

  /** Every monitor and region seen so far. */
  public List<Snapshot> snapshot() {
    List<Snapshot> out = new ArrayList<>();
    cells.forEach((monitor, byRegion) -> byRegion.forEach((region, c) -> {
      List<Histogram> hs = new ArrayList<>();
      synchronized (c) {
        for (int i = 0; i < PHASES.size(); i++) {
          long[] cum = new long[BOUNDS_MILLIS.length + 1];
          long run = 0;
          for (int b = 0; b < cum.length; b++) {
            run += c.buckets[i][b];
            cum[b] = run;
          }
          hs.add(new Histogram(PHASES.get(i), cum, c.sums[i]));
        }
      }
      out.add(new Snapshot(monitor, region, c.outcomes.get(0), c.outcomes.get(1), hs));
    }));
    return out;
  }
}
