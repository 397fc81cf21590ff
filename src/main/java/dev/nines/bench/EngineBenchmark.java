package dev.nines.bench;

import dev.nines.model.AlertWindow;
import dev.nines.model.SloWindow;
import dev.nines.model.Target;
import dev.nines.slo.SloEngine;
import dev.nines.slo.SloStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark of the SLO engine: N SLOs with D days of minute buckets; a full evaluation
 * (every window sum rebuilt from the buckets, then budget, the four burn-rate pairs and
 * forecasts of every SLO) and the per-minute incremental update (one new bucket per SLO,
 * slide every window, evaluate every SLO). The baseline is a bare loop summing the same
 * bucket memory, the floor any full evaluation pays.
 */
public final class EngineBenchmark {
  private final int slos;
  private final int days;
  private final PrintWriter out;
  private long seed = 0x9E3779B97F4A7C15L;
  private long sink;

  public EngineBenchmark(int slos, int days, PrintWriter out) {
    this.slos = slos;
    this.days = days;
    this.out = out;
  }

  /** Runs the benchmark and prints its results. */
  public void run(int runs) {
    long minutes = days * 1440L;
    long start = 29_000_000L;                 // an epoch minute in 2025
    long now = start + minutes;
    List<SloEngine.Definition> defs = new ArrayList<>(slos);
    for (int i = 0; i < slos; i++) {
      defs.add(new SloEngine.Definition(Target.parse(i % 2 == 0 ? "99.9" : "99.95"),
          new SloWindow.Rolling(Duration.ofDays(days)), AlertWindow.googleDefaults()));
    }
    long t0 = System.nanoTime();
    SloEngine engine = new SloEngine(defs, now);
    for (int i = 0; i < slos; i++) {
      for (long m = start; m < now; m++) {
        long valid = 200 + (next() & 1023);
        engine.record(i, m, valid - (next() & 1), valid);
      }
    }
    double fillSeconds = (System.nanoTime() - t0) / 1e9;
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
    out.printf("engine: %,d SLOs x %d days of minute buckets (%,d buckets), filled in %.1f s, "
        + "heap in use %,d MB%n", slos, days, slos * minutes, fillSeconds, heapMb);

    char[][] raw = baselineData(minutes);
    Timings baseline = Timings.measure("baseline: bare sum over same bucket bytes", 2, runs,
        () -> sink += bareSum(raw));
    Timings full = Timings.measure("full evaluation (recompute + status all)", 2, runs, () -> {
      engine.recompute();
      evaluateAll(engine);
    });
    long[] clock = {now};
    Timings incremental = Timings.measure("incremental minute (record, slide, status all)",
        5, Math.max(runs * 6, 30), () -> {
          long m = clock[0];
          for (int i = 0; i < slos; i++) {
            engine.record(i, m, 999, 1_000);
          }
          clock[0] = m + 1;
          engine.advance(clock[0]);
          evaluateAll(engine);
        });
    Timings slideOnly = Timings.measure("  of which: record + slide", 5, Math.max(runs * 6, 30),
        () -> {
          long m = clock[0];
          for (int i = 0; i < slos; i++) {
            engine.record(i, m, 999, 1_000);
          }
          clock[0] = m + 1;
          engine.advance(clock[0]);
        });
    Timings statusOnly = Timings.measure("  of which: status of every SLO", 5,
        Math.max(runs * 6, 30), () -> evaluateAll(engine));
    out.println(baseline);
    out.println(full);
    out.println(incremental);
    out.println(slideOnly);
    out.println(statusOnly);
    out.printf("full / baseline = %.2fx%n", full.median() / baseline.median());
    out.flush();
  }

  private void evaluateAll(SloEngine engine) {
    long pages = 0;
    for (int i = 0; i < engine.size(); i++) {
      SloStatus s = engine.status(i);
      pages += s.alert() == null ? 0 : 1;
    }
    sink += pages;
  }

  /** The same amount of bucket memory as the engine's rings, for the baseline loop. */
  private char[][] baselineData(long minutes) {
    char[][] raw = new char[slos][];
    for (int i = 0; i < slos; i++) {
      raw[i] = new char[(int) (2 * minutes)];
      for (int j = 0; j < raw[i].length; j++) {
        raw[i][j] = (char) (next() & 1023);
      }
    }
    return raw;
  }

  private static long bareSum(char[][] raw) {
    long total = 0;
    for (char[] a : raw) {
      int g = 0;
      int v = 0;
      for (int j = 0; j < a.length; j += 2) {
        g += a[j];
        v += a[j + 1];
      }
      total += g + v;
    }
    return total;
  }

  private long next() {
    seed ^= seed << 13;
    seed ^= seed >>> 7;
    seed ^= seed << 17;
    return seed >>> 1;
  }

  /** Keeps results alive so the JIT cannot drop the measured work. */
  public long sink() {
    return sink;
  }
}
