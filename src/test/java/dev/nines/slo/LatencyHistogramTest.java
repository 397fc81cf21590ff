package dev.nines.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void thresholdsBecomeExactBounds() {
    long[] bounds = LatencyHistogram.boundsIncluding(List.of(Duration.ofMillis(300), Duration.ofSeconds(2)));
    assertThat(bounds).contains(300L, 2000L);
  }

  @Test
  void p95Under300msIs95PercentAtOrBelow300ms() {
    LatencyHistogram h = LatencyHistogram.withBounds(100, 300, 1000);
    h.record(80, 900);
    h.record(300, 50);   // a bound is inclusive: 300 ms is good
    h.record(301, 40);
    h.record(5000, 10);
    Counts c = h.atOrBelow(Duration.ofMillis(300));
    assertThat(c).isEqualTo(new Counts(950, 1000));
    assertThat(c.ratio()).isEqualTo(0.95);
  }

  @Test
  void quantileInterpolatesInsideItsBucketLikePrometheus() {
    LatencyHistogram h = LatencyHistogram.withBounds(100, 200);
    h.record(50, 50);
    h.record(150, 50);
    assertThat(h.quantileMillis(0.5)).hasValue(100.0);
    assertThat(h.quantileMillis(0.75).getAsDouble()).isCloseTo(150.0, within(1e-9));
  }

  @Test
  void quantileOfNothingIsEmptyNotNaN() {
    assertThat(LatencyHistogram.withBounds(100).quantileMillis(0.95)).isEmpty();
  }

  @Test
  void quantileInTheUnboundedBucketReportsTheLastBound() {
    LatencyHistogram h = LatencyHistogram.withBounds(100);
    h.record(5000, 10);
    assertThat(h.quantileMillis(0.99)).hasValue(100.0);
  }

  @Test
  void thresholdBetweenBoundsIsRefused() {
    LatencyHistogram h = LatencyHistogram.withBounds(100, 500);
    assertThatThrownBy(() -> h.atOrBelow(Duration.ofMillis(300)))
        .hasMessage("300ms is not a bucket bound. Expected one of 100, 500 ms");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} ms is in bucket {1} of (.., 5], (5, 10], (10, 25], (25, ..)")
  @org.junit.jupiter.params.provider.CsvSource({"0, 0", "5, 0", "5.0001, 1", "10, 1", "24.9, 2",
      "25, 2", "25.5, 3", "100000, 3"})
  void aDurationFallsInTheBucketOfTheFirstBoundAtOrAboveIt(double millis, int bucket) {
    assertThat(LatencyHistogram.bucketIndex(new long[] {5, 10, 25}, millis)).isEqualTo(bucket);
  }
}
