package dev.nines.probe;

import java.time.Instant;

/**
 * Time as the prober sees it: the current instant, and tasks run at an instant. The system
 * implementation is the {@link ProbeLoop}'s; tests drive a fake one by hand.
 */
public interface ProbeClock {
  Instant now();

  /**
   * Runs {@code task} at {@code at}, or as soon as possible when that is past. Tasks must be
   * short: they hand real work to an executor.
   */
  Cancellable schedule(Instant at, Runnable task);

  /** A scheduled task that can still be called off; cancelling a task that ran is a no-op. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
