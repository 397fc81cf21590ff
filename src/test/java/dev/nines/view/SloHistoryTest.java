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
}
