package dev.nines.ingest.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MinuteCountsTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  static Stream<Arguments> rates() {
    return Stream.of(
        Arguments.of("good and total per second become events in the minute", 0.5, null, 0.6, 30L, 36L),
        Arguments.of("bad per second is subtracted from total", null, 0.1, 0.6, 30L, 36L),
        Arguments.of("a rate rounds to the nearest whole event", 0.11, null, 0.13, 7L, 8L),
        Arguments.of("half an event rounds up", 0.125, null, 1.0, 8L, 60L),
        Arguments.of("no good series with traffic counts zero good", null, null, 0.5, 0L, 30L),
        Arguments.of("good above total is clamped to total", 0.62, null, 0.6, 36L, 36L),
        Arguments.of("bad above total leaves zero good", null, 0.7, 0.6, 0L, 36L),
        Arguments.of("a negative good is clamped to zero", -0.1, null, 0.6, 0L, 36L),
        Arguments.of("a Sloth rate of 12 per minute is exact", 4.0 / 60, null, 24.0 / 60, 4L, 24L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rates")
  void ratesBecomeWholeEventsOfTheMinute(String name, Double good, Double bad, Double total,
      long expectedGood, long expectedValid) {
    assertThat(MinuteCounts.ofRates("s", 7, good, bad, total))
        .contains(new BucketDelta("s", 7, expectedGood, expectedValid));
  }

  static Stream<Arguments> noBucket() {
    return Stream.of(
        Arguments.of("no total series", 0.5, null, null),
        Arguments.of("a NaN total", 0.5, null, NAN),
        Arguments.of("an infinite total", 0.5, null, INF),
        Arguments.of("no traffic", null, null, 0.0),
        Arguments.of("less than half an event", null, null, 0.008),
        Arguments.of("a negative total", null, null, -1.0),
        Arguments.of("a NaN good", NAN, null, 0.5),
        Arguments.of("an infinite bad", null, INF, 0.5));
  }

  @ParameterizedTest(name = "no bucket for {0}")
  @MethodSource("noBucket")
  void minutesWithoutUsableDataGetNoBucket(String name, Double good, Double bad, Double total) {
    assertThat(MinuteCounts.ofRates("s", 7, good, bad, total)).isEmpty();
  }

  static Stream<Arguments> ratios() {
    return Stream.of(
        Arguments.of("no errors", 0.0, Optional.of(1_000_000L)),
        Arguments.of("one in six", 1.0 / 6, Optional.of(833_333L)),
        Arguments.of("one in a million", 0.000001, Optional.of(999_999L)),
        Arguments.of("all errors", 1.0, Optional.of(0L)),
        Arguments.of("no traffic (NaN)", NAN, Optional.empty()),
        Arguments.of("above one", 1.5, Optional.empty()),
        Arguments.of("below zero", -0.1, Optional.empty()),
        Arguments.of("no series", null, Optional.empty()));
  }

  @ParameterizedTest(name = "error ratio {0}")
  @MethodSource("ratios")
  void anErrorRatioWeighsEveryMinuteAsAMillionEvents(String name, Double ratio,
      Optional<Long> good) {
    assertThat(MinuteCounts.ofErrorRatio("s", 7, ratio))
        .isEqualTo(good.map(g -> new BucketDelta("s", 7, g, 1_000_000)));
  }

  @Test
  void aPulledMinuteIsOneBatchKeyedBySloAndMinuteAndItsKeyProtectsThatMinute() {
    BucketDelta d = new BucketDelta("checkout", 28_928_160, 3, 4);
    assertThat(MinuteCounts.batch(d)).isEqualTo(new IngestBatch("prom:checkout:28928160",
        List.of(d), List.of(), 1, null, 28_928_160L));
  }
}
