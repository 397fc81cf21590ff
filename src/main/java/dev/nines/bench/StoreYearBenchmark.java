package dev.nines.bench;

import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark of long-range queries: one SLI with a year of minute buckets (525,600 rows, and
 * 8,760 hourly rollups written with them), then the year read from the hourly rollups and the
 * last 30 days read minute by minute. The baseline is a one-hour minute query.
 */
public final class StoreYearBenchmark {
  private final String url;
  private final PrintWriter out;

  /** @param url a JDBC URL, or null for SQLite in a temp directory */
  public StoreYearBenchmark(String url, PrintWriter out) {
    this.url = url;
    this.out = out;
  }

  /** Fills the store and prints the medians. */
  public void run(int runs) throws IOException {
    Path dir = Files.createTempDirectory("nines-year-");
    long end = 29_000_000L;
    long start = end - 365L * 1440;
    String sli = "year-" + System.nanoTime();
    try (Store store = Stores.open(url, dir, null, null)) {
      long t0 = System.nanoTime();
      for (long m = start; m < end; m += 1440) {
        List<BucketDelta> day = new ArrayList<>(1440);
        for (long x = m; x < m + 1440; x++) {
          day.add(new BucketDelta(sli, x, 995 + (x % 5), 1000));
        }
        store.commitIngest(List.of(new IngestBatch(null, day, List.of(), day.size())));
      }
      out.printf("store (%s): one SLI, %,d minute buckets written in %.1f s%n", store.dialect(),
          end - start, (System.nanoTime() - t0) / 1e9);
      long[] sink = new long[1];
      Timings hourBaseline = Timings.measure("baseline: one hour of minute buckets", 3, runs,
          () -> sink[0] += store.minuteBuckets(sli, end - 60, end).size());
      Timings year = Timings.measure("a year from the hourly rollups (8,760 rows)", 3, runs,
          () -> sink[0] += total(store.hourBuckets(sli, start / 60, end / 60)));
      Timings month = Timings.measure("30 days of minute buckets (43,200 rows)", 3, runs,
          () -> sink[0] += total(store.minuteBuckets(sli, end - 30 * 1440, end)));
      out.println(hourBaseline);
      out.println(year);
      out.println(month);
      out.flush();
    }
  }

  private static long total(List<MinuteBucket> buckets) {
    long v = 0;
    for (MinuteBucket b : buckets) {
      v += b.valid();
    }
    return v;
  }
}
