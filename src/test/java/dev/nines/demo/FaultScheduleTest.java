package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
  @Test
  void theDefaultHourPlaysEveryFaultOnceWithoutOverlaps() {
    assertThat(FaultSchedule.DEFAULT.entries()).extracting(FaultSchedule.Entry::fault)
        .containsExactlyInAnyOrder(Fault.values());
    assertThat(FaultSchedule.DEFAULT.overlaps()).isFalse();
  }

  @Test
  void startsAreFoundInEveryCycleTheSpanCovers() {
    List<FaultSchedule.Entry> found = FaultSchedule.DEFAULT.startingIn(Duration.ofMinutes(41),
        Duration.ofMinutes(64));
    assertThat(found).containsExactly(
        new FaultSchedule.Entry(Duration.ofMinutes(45), Fault.CERT_EXPIRY),
        new FaultSchedule.Entry(Duration.ofMinutes(63), Fault.SLOW_SHOP));
  }

  @Test
  void aStartOnTheEdgeOfTwoSpansIsFoundOnce() {
    FaultSchedule s = FaultSchedule.DEFAULT;
    assertThat(s.startingIn(Duration.ZERO, Duration.ofMinutes(3))).hasSize(1);
    assertThat(s.startingIn(Duration.ofMinutes(3), Duration.ofMinutes(4))).isEmpty();
  }

  @Test
  void overlappingFaultsAreDetected() {
    FaultSchedule s = new FaultSchedule(Duration.ofMinutes(10), List.of(
        new FaultSchedule.Entry(Duration.ofMinutes(1), Fault.SLOW_SHOP),       // lasts 5 min
        new FaultSchedule.Entry(Duration.ofMinutes(4), Fault.APP_DOWN)));
    assertThat(s.overlaps()).isTrue();
  }

  @Test
  void anEntryOutsideTheCycleIsRefused() {
    assertThatThrownBy(() -> new FaultSchedule(Duration.ofMinutes(10), List.of(
        new FaultSchedule.Entry(Duration.ofMinutes(10), Fault.APP_DOWN))))
        .hasMessage("fault app-down at PT10M: outside the cycle. Expected 0 <= at < PT10M");
  }

  @Test
  void atSpeedSixtyTheScheduleStartsEachFaultOnceARealMinute() {
    FakeClock clock = new FakeClock();
    DemoTime time = new DemoTime(FakeClock.NOW, 60);
    List<String> log = new ArrayList<>();
    Faults faults = new Faults(clock, time, Runnable::run, log::add);
    FaultPlayer player = new FaultPlayer(faults, FaultSchedule.DEFAULT, time, clock);
    for (int tick = 0; tick < 4 * 60; tick++) {       // four ticks a second for a minute
      clock.advance(Duration.ofMillis(250));
      player.tick();
    }
    assertThat(faults.states()).allSatisfy(s -> assertThat(s.times()).isEqualTo(1));
    assertThat(log.stream().filter(l -> l.contains(": started for ")))
        .hasSize(Fault.values().length);
    // 2.8 s into the second minute (simulated 62.8 min) nothing new has started yet.
    for (int tick = 0; tick < 11; tick++) {
      clock.advance(Duration.ofMillis(250));
      player.tick();
    }
    assertThat(faults.state(Fault.SLOW_SHOP).times()).isEqualTo(1);
    clock.advance(Duration.ofMillis(500));
    player.tick();
    assertThat(faults.state(Fault.SLOW_SHOP).times()).isEqualTo(2);
  }

  @Test
  void theScheduleCountsFromWhenThePlayerStartsNotFromTheDemosStart() {
    FakeClock clock = new FakeClock();
    DemoTime time = new DemoTime(FakeClock.NOW, 60);
    Faults faults = new Faults(clock, time, Runnable::run, line -> { });
    clock.advance(Duration.ofSeconds(10));         // the start took 10 s: 10 simulated minutes
    FaultPlayer player = new FaultPlayer(faults, FaultSchedule.DEFAULT, time, clock);
    clock.advance(Duration.ofMillis(250));
    player.tick();
    assertThat(faults.states()).allSatisfy(s -> assertThat(s.times()).isZero());
    clock.advance(Duration.ofSeconds(3));           // 3 min 15 s of the schedule
    player.tick();
    assertThat(faults.state(Fault.SLOW_SHOP).times()).isEqualTo(1);
    assertThat(faults.state(Fault.COURIER_ERRORS).times()).isZero();
  }

  @Test
  void withoutAScheduleThePlayerOnlyEndsFaultsTriggeredByHand() {
    FakeClock clock = new FakeClock();
    DemoTime time = new DemoTime(FakeClock.NOW, 60);
    Faults faults = new Faults(clock, time, Runnable::run, line -> { });
    FaultPlayer player = new FaultPlayer(faults, null, time, clock);
    faults.trigger(Fault.APP_DOWN, Duration.ofSeconds(2));
    clock.advance(Duration.ofMinutes(5));
    player.tick();
    assertThat(faults.states()).allSatisfy(s -> assertThat(s.active()).isFalse());
    assertThat(faults.states()).extracting(Faults.State::times)
        .containsExactly(0, 1, 0, 0, 0, 0);
  }
}
