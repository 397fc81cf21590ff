package dev.nines.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlotsTest {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

  @Test
  void aMonitorsOffsetDependsOnlyOnItsNameAndInterval() {
    assertThat(Slots.offsetMillis("platform-health", TEN_SECONDS))
        .isEqualTo(Slots.offsetMillis("platform-health", TEN_SECONDS))
        .isBetween(0L, 9_999L);
    assertThat(Slots.atOrAfter("platform-health", TEN_SECONDS, T0))
        .isEqualTo(T0.plusMillis(Slots.offsetMillis("platform-health", TEN_SECONDS)));
  }

  @Test
  void similarNamesAreSpreadEvenlyOverTheInterval() {
    int[] perSecond = new int[10];
    Set<Long> offsets = new HashSet<>();
    IntStream.range(0, 1_000).forEach(i -> {
      long offset = Slots.offsetMillis("m" + i, TEN_SECONDS);
      offsets.add(offset);
      perSecond[(int) (offset / 1_000)]++;
    });

    assertThat(IntStream.of(perSecond).boxed().toList())
        .allSatisfy(n -> assertThat(n).isBetween(70, 130));
    assertThat(offsets).hasSizeGreaterThan(940);
  }

  @Test
  void slotsAreOneIntervalApartAndAfterIsStrict() {
    Instant slot = Slots.atOrAfter("api", TEN_SECONDS, T0);

    assertThat(Slots.atOrAfter("api", TEN_SECONDS, slot)).isEqualTo(slot);
    assertThat(Slots.after("api", TEN_SECONDS, slot)).isEqualTo(slot.plus(TEN_SECONDS));
    assertThat(Slots.after("api", TEN_SECONDS, slot.minusMillis(1))).isEqualTo(slot);
    assertThat(Slots.atOrAfter("api", TEN_SECONDS, slot.plusNanos(1)))
        .isEqualTo(slot.plus(TEN_SECONDS));
  }
}
