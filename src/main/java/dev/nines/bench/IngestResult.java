package dev.nines.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The outcome of an ingest load run: acknowledged events, the sustained rate (median of the
 * per-second rates of every whole second of the run) and the overall rate, request latency
 * percentiles (nearest rank over every attempt, retries included), retries and errors.
 */
public record IngestResult(long events, double seconds, double medianPerSecond,
    long[] perSecond, double p50Millis, double p99Millis, long requests, long retries,
    Map<Integer, Long> errors) {

  /**
   * Retries, and batches given up on by last status, shared by the senders: -1 is a broken
   * connection, -2 a batch still refused after {@link IngestBenchmark#MAX_ATTEMPTS} attempts.
   */
  static final class Counters {
    private final AtomicLong retries = new AtomicLong();
    private final Map<Integer, AtomicLong> failures = new ConcurrentHashMap<>();

    /** Whether a batch answered {@code status} is sent again; counts the retry. */
    boolean retryable(int status) {
      boolean retry = status == 429 || status == 503 || status == -1;
      if (retry) {
        retries.incrementAndGet();
      }
      return retry;
    }

    void failed(int status) {
      failures.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    }
  }

  static IngestResult of(long events, double seconds, AtomicLongArray perSecond,
      long[][] latencies, Counters counters) {
    int whole = (int) Math.min(Math.floor(seconds), perSecond.length());
    long[] rates = new long[whole];
    for (int i = 0; i < whole; i++) {
      rates[i] = perSecond.get(i);
    }
    long[] all = Arrays.stream(latencies).filter(a -> a != null).flatMapToLong(Arrays::stream)
        .sorted().toArray();
    Map<Integer, Long> errors = new TreeMap<>();
    counters.failures.forEach((k, v) -> errors.put(k, v.get()));
    return new IngestResult(events, seconds, median(rates), rates, percentile(all, 50),
        percentile(all, 99), all.length, counters.retries.get(), errors);
  }

  /** The median of {@code values}; 0 when there are none. */
  static double median(long[] values) {
    if (values.length == 0) {
      return 0;
    }
    long[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }

  /** Nearest-rank percentile of sorted nanoseconds, in milliseconds; 0 when there are none. */
  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1e6;
  }

  /** Acknowledged events over the whole run, per second. */
  public double overallPerSecond() {
    return seconds == 0 ? 0 : events / seconds;
  }

  /** Batches that were given up on (not acknowledged after their last attempt). */
  public long failedBatches() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Prints the figures. */
  public void print(PrintWriter out) {
    long min = Arrays.stream(perSecond).min().orElse(0);
    long max = Arrays.stream(perSecond).max().orElse(0);
    Locale l = Locale.ROOT;
    out.printf(l, "sustained: %,.0f events/s (median of %d per-second rates; min %,d, max %,d)%n",
        medianPerSecond, perSecond.length, min, max);
    out.printf(l, "overall:   %,.0f events/s (%,d events acknowledged with 202 in %.1f s)%n",
        overallPerSecond(), events, seconds);
    out.printf(l, "latency:   p50 %.1f ms, p99 %.1f ms (%,d requests)%n", p50Millis, p99Millis,
        requests);
    out.printf(l, "errors:    %,d batches not acknowledged%s; %,d retries after 429/503/broken "
        + "connection%n", failedBatches(), errors.isEmpty() ? "" : " (by status " + errors + ")",
        retries);
    out.flush();
  }
}
