package dev.nines.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngestResultTest {

  @ParameterizedTest(name = "p{0} of 1..10 ms is {1} ms")
  @CsvSource({"50, 5", "99, 10", "90, 9", "10, 1", "0, 1", "100, 10"})
  void percentilesAreNearestRank(double p, double expectedMillis) {
    long[] nanos = new long[10];
    for (int i = 0; i < 10; i++) {
      nanos[i] = (i + 1) * 1_000_000L;
    }
    assertThat(IngestResult.percentile(nanos, p)).isEqualTo(expectedMillis);
  }

  @Test
  void medianOfEvenCountsIsTheMeanOfTheMiddleTwoAndZeroWhenEmpty() {
    assertThat(IngestResult.median(new long[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(IngestResult.median(new long[] {5, 1, 9})).isEqualTo(5.0);
    assertThat(IngestResult.median(new long[0])).isZero();
    assertThat(IngestResult.percentile(new long[0], 99)).isZero();
  }

  @Test
  void theSustainedRateIsTheMedianOfWholeSecondsOnly() {
    AtomicLongArray perSecond = new AtomicLongArray(new long[] {100, 300, 200, 900, 0});
    IngestResult.Counters counters = new IngestResult.Counters();
    counters.retryable(503);
    counters.failed(400);
    IngestResult r = IngestResult.of(1_500, 3.5, perSecond,
        new long[][] {{2_000_000, 1_000_000}, null}, counters);
    assertThat(r.perSecond()).containsExactly(100, 300, 200);
    assertThat(r.medianPerSecond()).isEqualTo(200.0);
    assertThat(r.overallPerSecond()).isEqualTo(1_500 / 3.5);
    assertThat(r.errors()).isEqualTo(Map.of(400, 1L));
    StringWriter out = new StringWriter();
    r.print(new PrintWriter(out));
    assertThat(out.toString()).isEqualTo("""
        sustained: 200 events/s (median of 3 per-second rates; min 100, max 300)
        overall:   429 events/s (1,500 events acknowledged with 202 in 3.5 s)
        latency:   p50 1.0 ms, p99 2.0 ms (2 requests)
        errors:    1 batches not acknowledged (by status {400=1}); 1 retries after 429/503/broken \
        connection
        """);
  }
}
