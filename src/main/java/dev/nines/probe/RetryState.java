package dev.nines.probe;

import dev.nines.model.MonitorSpec;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Instant;

/**
 * A monitor's place in the retry state machine of DESIGN.md: healthy, pending after
 * {@code failures} failed attempts (UNKNOWN), or down once retries ran out (ERROR, backdated to
 * {@code firstFailure}). Pure: each attempt's outcome gives the next state, the observation to
 * report and when to check next.
 */
record RetryState(int failures, Instant firstFailure, boolean down) {
  static final RetryState HEALTHY = new RetryState(0, null, false);

  /** When the next attempt is due. */
  enum Next {
    /** The next slot of the monitor's grid. */
    SLOT,
    /** A retry, {@code retryInterval} after this attempt. */
    RETRY,
    /** A faster re-check of a down monitor, {@link MonitorSpec#recheckInterval} after this attempt. */
    RECHECK
  }

  /** What one attempt changed. */
  record Transition(RetryState state, Observation observation, String message, Next next) {}

  /** The retry number of the next attempt: 1.. while pending, else 0. */
  int nextRetry() {
    return down ? 0 : failures;
  }

  /**
   * The transition after an attempt that started at {@code start}: a pass is OK; a failure is
   * UNKNOWN while at most {@code retries} failures are pending, then ERROR dated at the first
   * failure; a down monitor stays ERROR, dated at each attempt, until a pass.
   */
  Transition after(MonitorSpec monitor, Instant start, CheckResult result) {
    if (result.ok()) {
      return new Transition(HEALTHY, new Observation(start, State.OK), result.warning(),
          Next.SLOT);
    }
    if (down) {
      return new Transition(this, new Observation(start, State.ERROR), result.error(),
          Next.RECHECK);
    }
    Instant first = failures == 0 ? start : firstFailure;
    if (failures < monitor.retries()) {
      return new Transition(new RetryState(failures + 1, first, false),
          new Observation(start, State.UNKNOWN), result.error(), Next.RETRY);
    }
    return new Transition(new RetryState(failures + 1, first, true),
        new Observation(first, State.ERROR), result.error(), Next.RECHECK);
  }
}
