package dev.nines.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays a {@link FaultSchedule} on {@link Faults} in simulated time, and ends faults whose time
 * is up: {@link #tick()} does both once; {@link #start()} calls it four times a second.
 */
final class FaultPlayer implements AutoCloseable {
  private final Faults faults;
  private final FaultSchedule schedule;
  private final DemoTime time;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("demo-fault-schedule").daemon(true).factory());
  /** Simulated time when the player was made: the schedule's cycles count from here. */
  private final Duration origin;
  private Duration played = Duration.ZERO;

  /**
   * A player whose schedule starts now (not at the demo's start, which at high speed would
   * bunch the first faults together at once).
   *
   * @param schedule the schedule to play, or null to only end faults triggered by hand
   */
  FaultPlayer(Faults faults, FaultSchedule schedule, DemoTime time, Clock clock) {
    this.faults = faults;
    this.schedule = schedule;
    this.time = time;
    this.clock = clock;
    this.origin = time.simulatedElapsed(clock.instant());
  }

  void start() {
    timer.scheduleAtFixedRate(() -> {
      try {
        tick();
      } catch (RuntimeException e) {
        // One bad tick must not stop the schedule.
      }
    }, 250, 250, TimeUnit.MILLISECONDS);
  }

  /** Starts the scheduled faults due since the last tick and ends the expired ones. */
  synchronized void tick() {
    faults.tick();
    if (schedule == null) {
      return;
    }
    Duration now = time.simulatedElapsed(clock.instant()).minus(origin);
    for (FaultSchedule.Entry e : schedule.startingIn(played, now)) {
      try {
        faults.trigger(e.fault(), null);
      } catch (IllegalStateException unavailable) {
        // e.g. region-network without agents: the schedule skips it.
      }
    }
    if (now.compareTo(played) > 0) {
      played = now;
    }
  }

  @Override public void close() {
    timer.shutdownNow();
  }
}
