package dev.nines.probe;

import com.sun.management.OperatingSystemMXBean;
import dev.nines.model.Durations;
import dev.nines.model.HttpCheck;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The {@code nines bench probes} benchmark: N HTTP monitors at one interval against a local
 * target in its own process, for a warm-up of two intervals and then a measured window. The
 * warm-up holds each monitor's first check and the grid slot the engine skips after it (one
 * less than half an interval away), so every slot in the window is one the engine runs. Reports
 * checks planned in the window and done (missed = the difference), failures, the lag between
 * planned and actual start, heap, and process CPU seconds per 1,000 checks for prober and
 * target.
 */
public final class ProbeBenchmark {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final boolean separateTarget;

  /** A benchmark whose target runs in a separate JVM, as the published figures do. */
  public ProbeBenchmark() {
    this(true);
  }

  /** A benchmark with the target in this JVM ({@code false}) or in its own ({@code true}). */
  public ProbeBenchmark(boolean separateTarget) {
    this.separateTarget = separateTarget;
  }

  /** The figures of one run; lags and CPU are over the measured window only. */
  public record Result(long planned, long done, long missed, long failed, Duration lagP50,
      Duration lagP99, Duration lagMax, long peakHeapBytes, long liveHeapBytes,
      double cpuSecondsPer1000, double targetCpuSecondsPer1000) {}

  /** Runs the benchmark and writes a report to {@code out}. */
  public Result run(int monitors, Duration interval, Duration length, PrintWriter out) {
    if (monitors < 1 || interval.isNegative() || interval.isZero() || length.isNegative()) {
      throw new IllegalArgumentException("monitors " + monitors + ", interval " + interval
          + ", length " + length + ": out of range. Expected at least 1 monitor and a positive "
          + "interval and length");
    }
    try (BenchTargetProcess target = separateTarget ? BenchTargetProcess.spawn()
        : BenchTargetProcess.inProcess()) {
      return measure(monitors, interval, length, target, out);
    }
  }

  private Result measure(int monitors, Duration interval, Duration length,
      BenchTargetProcess target, PrintWriter out) {
    List<MonitorSpec> specs = specs(monitors, interval, target.url());
    prime(target.url());
    Instant from = Instant.now().plus(interval.multipliedBy(2));
    Instant to = from.plus(length);
    BenchSink sink = new BenchSink(from, to);
    long planned = expected(specs, from, to);
    long peakHeap = 0;
    double cpuFrom = 0;
    double targetCpuFrom = 0;
    double cpuTo = 0;
    double targetCpuTo = 0;
    ProbeStats stats;
    try (ProbeEngine engine = ProbeEngine.start("bench", sink)) {
      engine.update(specs);
      sleepUntil(from);
      cpuFrom = cpuSeconds();
      targetCpuFrom = target.cpuSeconds();
      while (Instant.now().isBefore(to)) {
        peakHeap = Math.max(peakHeap, MEMORY.getHeapMemoryUsage().getUsed());
        sleepUntil(min(to, Instant.now().plusSeconds(1)));
      }
      cpuTo = cpuSeconds();
      targetCpuTo = target.cpuSeconds();
      awaitLastChecks(sink, planned, to.plus(specs.get(0).timeout()).plus(
          ProbeEngine.WATCHDOG_GRACE));
      stats = engine.stats();
    }
    double thousands = Math.max(1, sink.done()) / 1000.0;
    Result r = new Result(planned, sink.done(), Math.max(0, planned - sink.done()), sink.failed(),
        sink.lags.percentile(0.50), sink.lags.percentile(0.99), sink.lags.max(), peakHeap,
        liveHeap(), (cpuTo - cpuFrom) / thousands, (targetCpuTo - targetCpuFrom) / thousands);
    report(r, monitors, interval, length, target, stats, sink.firstFailure(), out);
    return r;
  }

  /**
   * Loads the classes of client and target and warms their connection code with a few
   * sequential checks, so that a cold start does not count against the first slots.
   */
  private static void prime(String url) {
    MonitorSpec m = specs(1, Duration.ofSeconds(10), url).get(0);
    try (Checkers checkers = new Checkers()) {
      for (int i = 0; i < 50; i++) {
        checkers.check(m);
      }
    }
  }

  private static List<MonitorSpec> specs(int monitors, Duration interval, String url) {
    Duration timeout = interval.compareTo(Duration.ofSeconds(5)) < 0 ? interval
        : Duration.ofSeconds(5);
    return IntStream.range(0, monitors).mapToObj(i -> new MonitorSpec(
        String.format(Locale.ROOT, "bench-%05d", i), "bench", MonitorKind.HTTP,
        MonitorSpec.Depth.SHALLOW, interval, timeout, 0, interval, List.of(), null,
        new HttpCheck("request", "GET", url + "?monitor=" + i, Map.of(), null, Set.of(),
            List.of(), null, true, true, Map.of()), List.of(), null, 0, 0)).toList();
  }

  /** The number of slots of all monitors in {@code [from, to)}. */
  static long expected(List<MonitorSpec> specs, Instant from, Instant to) {
    long n = 0;
    for (MonitorSpec m : specs) {
      Instant first = Slots.atOrAfter(m.name(), m.interval(), from);
      if (first.isBefore(to)) {
        n += 1 + Duration.between(first, to).minusNanos(1).toNanos() / m.interval().toNanos();
      }
    }
    return n;
  }

  private static void report(Result r, int monitors, Duration interval, Duration length,
      BenchTargetProcess target, ProbeStats stats, String firstFailure, PrintWriter out) {
    out.printf(Locale.ROOT, "probes: %,d HTTP monitors every %s for %s (after a %s warm-up), "
            + "%,.0f checks/s, target %s%n", monitors, Durations.format(interval),
        Durations.format(length), Durations.format(interval.multipliedBy(2)),
        monitors / (interval.toNanos() / 1e9), target.description());
    out.printf(Locale.ROOT, "checks:  %,d planned, %,d done, %,d missed, %,d failed "
        + "(engine: %,d slots skipped, %,d watchdog timeouts)%n", r.planned(), r.done(),
        r.missed(), r.failed(), stats.missedChecks(), stats.watchdogTimeouts());
    if (firstFailure != null) {
      out.println("first failure: " + firstFailure);
    }
    out.printf(Locale.ROOT, "lag:     p50 %.2f ms, p99 %.2f ms, max %.2f ms (actual - planned "
        + "start)%n", millis(r.lagP50()), millis(r.lagP99()), millis(r.lagMax()));
    out.printf(Locale.ROOT, "heap:    peak used %,d MB, live after GC %,d MB, max %,d MB%n",
        r.peakHeapBytes() >> 20, r.liveHeapBytes() >> 20,
        MEMORY.getHeapMemoryUsage().getMax() >> 20);
    out.printf(Locale.ROOT, "cpu:     %.3f s per 1,000 checks (prober process)%s%n",
        r.cpuSecondsPer1000(), target.separate() ? String.format(Locale.ROOT,
            ", %.3f s (target process)", r.targetCpuSecondsPer1000()) : " (target included)");
    out.flush();
  }

  /** Waits for the window's last checks to report, until the latest they could. */
  private static void awaitLastChecks(BenchSink sink, long planned, Instant deadline) {
    while (sink.done() < planned && Instant.now().isBefore(deadline)) {
      sleepUntil(Instant.now().plusMillis(10));
    }
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }

  private static double cpuSeconds() {
    return OS.getProcessCpuTime() / 1e9;
  }

  private static long liveHeap() {
    System.gc();
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void sleepUntil(Instant t) {
    long millis = Duration.between(Instant.now(), t).toMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("benchmark: interrupted. Expected to run to the end", e);
      }
    }
  }
}
