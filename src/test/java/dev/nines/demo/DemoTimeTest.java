package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DemoTimeTest {
  private static final Instant START = FakeClock.NOW;

  @Test
  void atSpeedTwentyFourARealHourIsASimulatedDay() {
    DemoTime t = new DemoTime(START, 24);
    assertThat(t.simulated(START.plus(Duration.ofHours(1)))).isEqualTo(START.plus(
        Duration.ofDays(1)));
    assertThat(t.simulatedElapsed(START.plusSeconds(10))).isEqualTo(Duration.ofSeconds(240));
  }

  @Test
  void aSimulatedDurationTakesItsShareOfRealTimeAndAtLeastAMillisecond() {
    DemoTime t = new DemoTime(START, 10);
    assertThat(t.real(Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(12));
    assertThat(new DemoTime(START, 3600).real(Duration.ofNanos(10)))
        .isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void atSpeedOneSimulatedTimeIsRealTime() {
    DemoTime t = new DemoTime(START, 1);
    assertThat(t.simulated(START.plusSeconds(90))).isEqualTo(START.plusSeconds(90));
  }

  @Test
  void aSpeedOutsideOneToAnHourPerSecondIsRefused() {
    assertThatThrownBy(() -> new DemoTime(START, 0.5))
        .hasMessage("speed 0.5 is out of range. Expected 1 to 3600");
    assertThatThrownBy(() -> new DemoTime(START, Double.NaN))
        .hasMessage("speed NaN is out of range. Expected 1 to 3600");
  }
}
