package dev.nines.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.model.AlertWindow;
import dev.nines.model.Budgeting;
import dev.nines.model.SloWindow;
import dev.nines.model.Target;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeSlicesTest {
  private static final long START = Instant.parse("2026-10-01T00:00:00Z").getEpochSecond() / 60;
  private static final Budgeting FIVE_MINUTE_95 = new Budgeting(Budgeting.Method.TIMESLICES,
      new BigDecimal("0.95"), Duration.ofMinutes(5));
  private static final Budgeting RATIO_FIVE_MINUTE = new Budgeting(
      Budgeting.Method.RATIO_TIMESLICES, null, Duration.ofMinutes(5));

  @ParameterizedTest(name = "{0} good of {1}: slice counts {2} of {3}")
  @CsvSource({"95, 100, 1, 1", "94, 100, 0, 1", "19, 20, 1, 1", "0, 0, 0, 0", "0, 3, 0, 1"})
  void aSliceIsGoodWhenItsRatioReachesTheSliceTargetExactly(long good, long valid, long g,
      long v) {
    assertThat(TimeSlices.of(FIVE_MINUTE_95).count(good, valid)).containsExactly(g, v);
  }

  @Test
  void aRatioSliceCountsItsRatioToSixDecimals() {
    assertThat(TimeSlices.of(RATIO_FIVE_MINUTE).count(2, 3)).containsExactly(666_667, 1_000_000);
    assertThat(TimeSlices.of(RATIO_FIVE_MINUTE).count(0, 0)).containsExactly(0, 0);
  }

  @Test
  void slicesAreAlignedToTheEpochAndOccurrencesHaveNone() {
    TimeSlices s = TimeSlices.of(FIVE_MINUTE_95);
    assertThat(s.sliceOf(START + 7)).isEqualTo((START + 7) / 5);
    assertThat(s.endsSlice(START + 4)).isTrue();
    assertThat(s.endsSlice(START + 5)).isFalse();
    assertThat(TimeSlices.of(Budgeting.OCCURRENCES)).isNull();
    assertThatThrownBy(() -> TimeSlices.of(new Budgeting(Budgeting.Method.TIMESLICES,
        BigDecimal.ONE, Duration.ofSeconds(90))))
        .hasMessage("timeSliceWindow PT1M30S is not a whole number of minutes. Expected a slice "
            + "of 1m or more, e.g. 1m or 5m");
  }

  @Test
  void theEngineCountsGoodSlicesOverSlicesWithDataLateDataIncluded() {
    SloEngine.Definition def = new SloEngine.Definition(Target.parse("99"),
        new SloWindow.Rolling(Duration.ofDays(1)), AlertWindow.googleDefaults(),
        TimeSlices.of(FIVE_MINUTE_95));
    SloEngine engine = new SloEngine(List.of(def), START);
    // Slice 1 (minutes 0-4): 100 of 100; slice 2 (5-9): 90 of 100, bad; slice 3: no data;
    // slice 4 (15-19): 90 of 95, good (95 of 100) once a late minute arrives.
    engine.record(0, START, 100, 100);
    engine.record(0, START + 5, 90, 100);
    engine.record(0, START + 15, 90, 95);
    engine.advance(START + 20);
    assertThat(engine.counts(0, Duration.ofHours(1))).isEqualTo(new Counts(1, 3));
    engine.record(0, START + 16, 5, 5);

    assertThat(engine.counts(0, Duration.ofHours(1))).isEqualTo(new Counts(2, 3));
    engine.recompute();
    assertThat(engine.counts(0, Duration.ofHours(1))).isEqualTo(new Counts(2, 3));
    assertThat(engine.status(0).budget().sliRatio()).isEqualTo(2.0 / 3);
  }

  @Test
  void incrementalSlicesEqualARecomputeAndBruteForce() {
    Random random = new Random(7);
    TimeSlices slices = TimeSlices.of(FIVE_MINUTE_95);
    SloEngine engine = new SloEngine(List.of(new SloEngine.Definition(Target.parse("99.9"),
        new SloWindow.Rolling(Duration.ofDays(1)), AlertWindow.googleDefaults(), slices)),
        START);
    List<long[]> events = new ArrayList<>();
    long now = START;
    for (int step = 0; step < 3_000; step++) {
      long minute = now - random.nextInt(12);
      long valid = random.nextInt(50);
      long good = valid - (random.nextInt(4) == 0 ? random.nextInt((int) valid + 1) : 0);
      if (engine.record(0, minute, good, valid)) {
        events.add(new long[] {minute, good, valid});
      }
      now += random.nextInt(3);
      engine.advance(now);
    }
    long to = now;
    for (Duration d : List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1))) {
      long from = to - d.toMinutes();
      long good = 0;
      long valid = 0;
      for (long s = slices.sliceOf(from); slices.lastMinute(s) < to; s++) {
        if (slices.lastMinute(s) < from) {
          continue;
        }
        long g = 0;
        long v = 0;
        for (long[] e : events) {
          if (slices.sliceOf(e[0]) == s) {
            g += e[1];
            v += e[2];
          }
        }
        long[] c = slices.count(g, v);
        good += c[0];
        valid += c[1];
      }
      Counts live = engine.counts(0, d);
      engine.recompute();
      assertThat(live).as(d.toString()).isEqualTo(new Counts(good, valid))
          .isEqualTo(engine.counts(0, d));
    }
  }
}
