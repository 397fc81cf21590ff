package dev.nines.probe;

import dev.nines.model.MonitorSpec;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The running state of one monitor in a {@link ProbeEngine}: its spec, its place in the retry
 * state machine and its pending timer. A changed spec gets a new run; a stopped run never
 * starts another attempt nor reports one in flight.
 */
final class MonitorRun {
  final MonitorSpec spec;
  private RetryState state = RetryState.HEALTHY;
  private boolean checked;
  private ProbeClock.Cancellable timer;
  private volatile boolean stopped;

  MonitorRun(MonitorSpec spec) {
    this.spec = spec;
  }

  boolean stopped() {
    return stopped;
  }

  synchronized RetryState state() {
    return state;
  }

  /**
   * Whether the attempt just applied was the monitor's very first: true exactly once, after
   * the first {@link #apply}.
   */
  synchronized boolean firstDone() {
    boolean first = !checked;
    checked = true;
    return first;
  }

  /** Applies an attempt's outcome, or returns null when the run was stopped meanwhile. */
  synchronized RetryState.Transition apply(Instant start, CheckResult result) {
    if (stopped) {
      return null;
    }
    RetryState.Transition t = state.after(spec, start, result);
    state = t.state();
    return t;
  }

  /** Sets the next timer unless the run was stopped; {@code schedule} makes it. */
  synchronized void arm(Supplier<ProbeClock.Cancellable> schedule) {
    if (!stopped) {
      timer = schedule.get();
    }
  }

  /** Stops the run for good: no more attempts, and the one in flight is not reported. */
  synchronized void stop() {
    stopped = true;
    cancelTimer();
  }

  /** Calls off the pending attempt; one in flight still completes and reports. */
  synchronized void cancelTimer() {
    if (timer != null) {
      timer.cancel();
    }
  }
}
