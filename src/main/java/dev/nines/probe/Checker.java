package dev.nines.probe;

import dev.nines.model.MonitorSpec;
import java.util.function.Consumer;

/**
 * One attempt of a monitor's check. Implementations enforce the monitor's timeout themselves
 * and never throw: every failure comes back as a failed {@link CheckResult}.
 */
@FunctionalInterface
public interface Checker {
  CheckResult check(MonitorSpec monitor);

  /**
   * Starts the check without a thread of its own waiting on it, when this checker can: the
   * result goes to {@code done} once, on any thread, unless the check is stopped first.
   * Returns quickly (it may call {@code done} before it returns).
   *
   * @return the started check, or null when this monitor's check needs a thread: the caller
   *     then runs {@link #check} on one, and {@code done} is never called
   */
  default Started start(MonitorSpec monitor, Consumer<CheckResult> done) {
    return null;
  }

  /** A check started by {@link #start}. */
  @FunctionalInterface
  interface Started {
    /** Ends the check; its result is then not handed on. */
    void stop();
  }
}
