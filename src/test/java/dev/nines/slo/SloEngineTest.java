package dev.nines.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nines.model.AlertWindow;
import dev.nines.model.CalendarUnit;
import dev.nines.model.Severity;
import dev.nines.model.SloWindow;
import dev.nines.model.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SloEngineTest {
  private static final long START = Instant.parse("2026-10-01T00:00:00Z").getEpochSecond() / 60;
  private static final SloEngine.Definition THIRTY_DAYS = new SloEngine.Definition(
      Target.parse("99.9"), new SloWindow.Rolling(Duration.ofDays(30)), AlertWindow.googleDefaults());

  /** Brute force: events of [from, to) straight from the recorded list. */
  private static Counts reference(List<long[]> events, long from, long to) {
    long g = 0;
    long v = 0;
    for (long[] e : events) {
      if (e[0] >= from && e[0] < to) {
        g += e[1];
        v += e[2];
      }
    }
    return new Counts(g, v);
  }

  @Test
  void incrementalSumsEqualAFullRecomputeAndBruteForce() {
    Random random = new Random(42);
    SloEngine engine = new SloEngine(List.of(THIRTY_DAYS, THIRTY_DAYS), START);
    List<long[]> events = new ArrayList<>();
    long now = START;
    for (int step = 0; step < 5_000; step++) {
      int minutes = random.nextInt(10) == 0 ? 1 + random.nextInt(600) : 1;
      for (int i = 0; i < 3; i++) {
        // Mostly current events, some late ones, a few from the near future.
        long minute = now - random.nextInt(5) + (random.nextInt(50) == 0 ? 30 : 0);
        long valid = random.nextInt(2_000);
        long good = valid - random.nextInt((int) Math.min(valid, 20) + 1);
        if (engine.record(0, minute, good, valid)) {
          events.add(new long[] {minute, good, valid});
        }
      }
      now += minutes;
      engine.advance(now);
    }
    for (Duration d : List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(3),
        Duration.ofDays(30))) {
      Counts expected = reference(events, now - d.toMinutes(), now);
      assertThat(engine.counts(0, d)).as(d.toString()).isEqualTo(expected);
    }
    Counts incremental = engine.counts(0, Duration.ofDays(30));
    engine.recompute();
    assertThat(engine.counts(0, Duration.ofDays(30))).isEqualTo(incremental);
    assertThat(engine.counts(1, Duration.ofDays(30))).isEqualTo(Counts.ZERO);
  }

  @Test
  void lateEventsCountOnceInEveryWindowThatCoversThem() {
    SloEngine engine = new SloEngine(List.of(THIRTY_DAYS), START);
    engine.advance(START + 120);
    engine.record(0, START + 100, 90, 100);   // 20 minutes late
    assertThat(engine.counts(0, Duration.ofMinutes(5))).isEqualTo(Counts.ZERO);
    assertThat(engine.counts(0, Duration.ofMinutes(30))).isEqualTo(new Counts(90, 100));
    engine.advance(START + 200);
    assertThat(engine.counts(0, Duration.ofMinutes(30))).isEqualTo(Counts.ZERO);
    assertThat(engine.counts(0, Duration.ofHours(2))).isEqualTo(new Counts(90, 100));
  }

  @Test
  void anOutageBurningFastPagesAndForecastsExhaustion() {
    SloEngine engine = new SloEngine(List.of(THIRTY_DAYS), START);
    long outageStart = START + 24 * 60;
    for (long m = START; m < outageStart + 60; m++) {
      // A clean day, then an hour of 2 % errors: burn rate 20.
      engine.record(0, m, m < outageStart ? 1_000 : 980, 1_000);
      engine.advance(m + 1);
    }
    SloStatus status = engine.status(0);
    assertThat(status.alert()).isEqualTo(Severity.PAGE);
    assertThat(status.conditions().get(0).longBurn()).isCloseTo(20.0, within(1e-9));
    // 1,200 bad of 1,500,000 valid: 0.8 of the budget spent, 0.2 left; at burn 20 over 30 d
    // that lasts 0.2 × 720 h / 20 = 7.2 h.
    assertThat(status.budget().remainingRatio()).isCloseTo(0.2, within(1e-9));
    assertThat(status.forecasts().get(0).exhaustion()).isEqualTo(Duration.ofMinutes(432));
  }

  @Test
  void eventsFarAheadOfNowAreRefused() {
    SloEngine engine = new SloEngine(List.of(THIRTY_DAYS), START);
    assertThat(engine.record(0, START + SloEngine.AHEAD_MINUTES, 1, 1)).isFalse();
    assertThat(engine.record(0, START + SloEngine.AHEAD_MINUTES - 1, 1, 1)).isTrue();
  }

  @Test
  void noTrafficLeavesTheWholeBudgetAndNoAlert() {
    SloEngine engine = new SloEngine(List.of(THIRTY_DAYS), START);
    engine.advance(START + 10_000);
    SloStatus status = engine.status(0);
    assertThat(status.budget().remainingRatio()).isEqualTo(1.0);
    assertThat(status.alert()).isNull();
    assertThat(status.forecasts()).allSatisfy(f -> assertThat(f.exhaustion()).isNull());
  }

  @Test
  void calendarBudgetRefillsAtThePeriodStartAndNeverCarriesOver() {
    SloEngine.Definition month = new SloEngine.Definition(Target.parse("99"),
        new SloWindow.Calendar(CalendarUnit.MONTH, ZoneOffset.UTC), AlertWindow.googleDefaults());
    long endOfOctober = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond() / 60;
    SloEngine engine = new SloEngine(List.of(month), endOfOctober - 10);
    engine.record(0, endOfOctober - 5, 50, 100);
    engine.advance(endOfOctober);
    SloStatus november = engine.status(0);
    assertThat(november.period().start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(november.window()).isEqualTo(Counts.ZERO);
    assertThat(november.budget().remainingRatio()).isEqualTo(1.0);
    engine.record(0, endOfOctober + 1, 99, 100);
    engine.advance(endOfOctober + 2);
    assertThat(engine.status(0).window()).isEqualTo(new Counts(99, 100));
    engine.recompute();
    assertThat(engine.status(0).window()).isEqualTo(new Counts(99, 100));
  }

  @Test
  void calendarPeriodFollowsTheSpecZone() {
    SloEngine.Definition day = new SloEngine.Definition(Target.parse("99"),
        new SloWindow.Calendar(CalendarUnit.DAY, ZoneId.of("Europe/Berlin")), List.of());
    long now = Instant.parse("2026-03-29T12:00:00Z").getEpochSecond() / 60;
    SloStatus s = new SloEngine(List.of(day), now).status(0);
    assertThat(s.period().length()).isEqualTo(Duration.ofHours(23));
  }
}
