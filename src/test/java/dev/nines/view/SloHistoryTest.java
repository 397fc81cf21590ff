package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Target;
import dev.nines.store.MinuteBucket;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloHistoryTest {
  @Test
  void theBurnDownSpendsTheWindowsBudgetHourByHourAndEndsAtTheBudgetLeft() {
    // 99 % target; 4,000 valid events in the window allow 40 bad; 10 then 20 are spent.
    SloHistory h = SloHistory.of(List.of(new MinuteBucket(100, 990, 1000),
        new MinuteBucket(102, 980, 1000), new MinuteBucket(103, 2000, 2000)),
        Target.parse("99"), 100, 104);
    assertThat(h.points()).extracting(SloHistory.Point::budgetRemainingRatio)
        .containsExactly(0.75, 0.75, 0.25, 0.25);
    assertThat(h.points()).extracting(SloHistory.Point::sliRatio)
        .containsExactly(0.99, null, 0.98, 1.0);
    assertThat(h.points().get(0).burnRate()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(h.points().get(1).burnRate()).isNull();
    assertThat(h.points().get(2).burnRate()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aWindowWithoutTrafficKeepsTheWholeBudget() {
    SloHistory h = SloHistory.of(List.of(), Target.parse("99.9"), 0, 3);
    assertThat(h.points()).extracting(SloHistory.Point::budgetRemainingRatio)
        .containsExactly(1.0, 1.0, 1.0);
  }

  @Test
  void aShortRangeSumsMinuteBucketsIntoItsStepsAndKeepsTheWindowsBurnDown() {
    // 99 % target, 10,000 valid events in the window allow 100 bad; 50 were bad before the
    // range, 10 in its first five minutes, 20 in its third.
    java.time.Instant from = java.time.Instant.ofEpochSecond(600 * 60);
    SloHistory h = SloHistory.of(List.of(new MinuteBucket(600, 95, 100),
        new MinuteBucket(604, 95, 100), new MinuteBucket(610, 80, 100)), 60,
        Target.parse("99"), from, from.plusSeconds(900), java.time.Duration.ofMinutes(5),
        10_000, 50);
    assertThat(h.points()).extracting(SloHistory.Point::hour)
        .containsExactly(from, from.plusSeconds(300), from.plusSeconds(600));
    assertThat(h.points()).extracting(SloHistory.Point::sliRatio)
        .containsExactly(0.95, null, 0.8);
    assertThat(h.points()).extracting(SloHistory.Point::budgetRemainingRatio)
        .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b))
        .containsExactly(0.4, 0.4, 0.2);
    assertThat(h.step()).isEqualTo(java.time.Duration.ofMinutes(5));
  }

  @Test
  void rangesParseTheirSpellingsAndOnlyShorterOnesThanTheWindowAreOffered() {
    assertThat(SloHistory.Range.parse("6h")).isEqualTo(SloHistory.Range.H6);
    assertThat(SloHistory.Range.parse("Window")).isEqualTo(SloHistory.Range.WINDOW);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SloHistory.Range.parse("2h"))
        .hasMessage("range: '2h' is not a range. Expected 1h, 6h, 1d, 7d or window");
    assertThat(java.util.Arrays.stream(SloHistory.Range.values())
        .filter(r -> r.fits(java.time.Duration.ofDays(7))).map(SloHistory.Range::id))
        .containsExactly("1h", "6h", "1d", "window");
  }
}
