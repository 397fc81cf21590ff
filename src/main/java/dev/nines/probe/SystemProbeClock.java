package dev.nines.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link ProbeClock}: system time, and one daemon timer thread that fires scheduled
 * tasks (which only hand work on, so one thread keeps up with thousands a second).
 */
public final class SystemProbeClock implements ProbeClock, AutoCloseable {
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
    Thread t = new Thread(r, "nines-probe-timer");
    t.setDaemon(true);
    return t;
  });

  public SystemProbeClock() {
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override public Instant now() {
    return Instant.now();
  }

  @Override public Cancellable schedule(Instant at, Runnable task) {
    long delayNanos = Math.max(0, durationNanos(Duration.between(Instant.now(), at)));
    ScheduledFuture<?> f = timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  private static long durationNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? 0 : Long.MAX_VALUE;
    }
  }

  @Override public void close() {
    timer.shutdownNow();
  }
}
