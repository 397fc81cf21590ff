package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrafficShapeTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final TrafficShape SHAPE = TrafficShape.DEFAULT;

  private static double rateAt(String localBerlin) {
    return SHAPE.ratePerSecond(LocalDateTime.parse(localBerlin).atZone(BERLIN).toInstant());
  }

  @ParameterizedTest(name = "{0} in Berlin: {1} to {2} requests per second")
  @CsvSource({
      // Wednesday 18 November 2026: quiet night, busy working day.
      "2026-11-18T03:00, 1.00, 1.01",
      "2026-11-18T10:30, 4.40, 5.00",
      "2026-11-18T15:00, 4.80, 5.00",
      "2026-11-18T20:30, 1.90, 2.60",
      // Saturday: half the daytime traffic, the same nights.
      "2026-11-21T15:00, 2.90, 3.10",
      "2026-11-21T03:00, 1.00, 1.01"})
  void aWorkingDayInBerlinIsBusyAndItsNightsAreQuiet(String local, double min, double max) {
    assertThat(rateAt(local)).isBetween(min, max);
  }

  @Test
  void theRateFollowsBerlinTimeAcrossADaylightSavingChange() {
    // 29 March 2026: clocks go from 02:00 to 03:00; 13:00 UTC is 15:00 in Berlin that day.
    assertThat(SHAPE.ratePerSecond(Instant.parse("2026-03-29T13:00:00Z")))
        .isEqualTo(rateAt("2026-03-29T15:00"));
    assertThat(SHAPE.ratePerSecond(Instant.parse("2026-03-28T14:00:00Z")))
        .isEqualTo(rateAt("2026-03-28T15:00"));
  }

  @Test
  void theRateIsContinuousAtMidnight() {
    double tuesday = rateAt("2026-11-17T23:59:59");
    double wednesday = rateAt("2026-11-18T00:00");
    assertThat(wednesday).isCloseTo(tuesday, within(0.001 * tuesday));
  }

  @Test
  void theWeekendStartsWithAStepOfAFewPercentAtMost() {
    double friday = rateAt("2026-11-20T23:59:59");
    double saturday = rateAt("2026-11-21T00:00");
    assertThat(saturday).isLessThan(friday).isCloseTo(friday, within(0.05 * friday));
  }

  @Test
  void theRateNeverFallsBelowTheNightFloorNorRisesAboveThePeak() {
    Instant t = Instant.parse("2026-11-16T00:00:00Z");
    for (int minute = 0; minute < 7 * 24 * 60; minute += 7) {
      double r = SHAPE.ratePerSecond(t.plusSeconds(60L * minute));
      assertThat(r).isBetween(SHAPE.peakPerSecond() * SHAPE.nightRatio(), SHAPE.peakPerSecond());
    }
  }

  @Test
  void aShapeWithoutTrafficIsRefusedWithItsValues() {
    assertThatThrownBy(() -> new TrafficShape(0, 0.2, 0.5, BERLIN))
        .hasMessage("traffic shape: peak 0.0/s, night 0.2, weekend 0.5. Expected peak > 0 and "
            + "ratios in (0, 1]");
  }
}
