package dev.nines.slo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinuteRingTest {

  private static long[] sum(MinuteRing r, long from, long to) {
    long[] acc = new long[2];
    r.sumInto(from, to, acc);
    return acc;
  }

  @Test
  void sumsMinutesAcrossTheWrap() {
    MinuteRing r = new MinuteRing(10, 0);
    for (long m = 1; m <= 25; m++) {
      r.add(m, m, 2 * m);
    }
    // Held: minutes 16..25.
    assertThat(sum(r, 0, 100)).containsExactly(16 + 17 + 18 + 19 + 20 + 21 + 22 + 23 + 24 + 25,
        2 * (16 + 17 + 18 + 19 + 20 + 21 + 22 + 23 + 24 + 25));
    assertThat(sum(r, 19, 22)).containsExactly(19 + 20 + 21, 2 * (19 + 20 + 21));
    assertThat(r.good(15)).isZero();
  }

  @Test
  void minutesWithSixtyFiveThousandEventsOrMoreStayExact() {
    MinuteRing r = new MinuteRing(60, 0);
    r.add(5, 65_000, 65_000);
    r.add(5, 1_000, 2_000);       // crosses 65,535: moves to the side map
    r.add(6, 3_000_000, 3_000_001);
    r.add(7, 1, 1);
    assertThat(r.good(5)).isEqualTo(66_000);
    assertThat(r.valid(5)).isEqualTo(67_000);
    assertThat(sum(r, 0, 60)).containsExactly(66_000 + 3_000_000 + 1, 67_000 + 3_000_001 + 1);
    assertThat(sum(r, 6, 7)).containsExactly(3_000_000, 3_000_001);
  }

  @Test
  void wideMinutesAreForgottenWhenTheyLeaveTheRing() {
    MinuteRing r = new MinuteRing(3, 0);
    r.add(1, 100_000, 100_000);
    r.add(4, 1, 1);
    assertThat(sum(r, 0, 10)).containsExactly(1, 1);
  }

  @Test
  void tooOldMinutesAreRefusedNotMisplaced() {
    MinuteRing r = new MinuteRing(10, 100);
    assertThat(r.add(90, 1, 1)).isFalse();
    assertThat(r.add(91, 1, 1)).isTrue();
    assertThat(sum(r, 0, 200)).containsExactly(1, 1);
  }
}
