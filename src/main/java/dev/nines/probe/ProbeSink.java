package dev.nines.probe;

import dev.nines.uptime.Observation;

/**
 * Where a {@link ProbeEngine} sends what it sees: every attempt, and after every attempt the
 * monitor's state. Called concurrently from probe threads, so implementations must be
 * thread-safe and quick (queue, do not write to a database inline).
 *
 * <p>Observations of one monitor and region arrive in order, but an ERROR reported when retries
 * run out is backdated to the first failed attempt: it replaces the pending UNKNOWN
 * observations from its time on, and a store must apply it that way.
 */
public interface ProbeSink {
  void attempt(Attempt attempt);

  /**
   * The monitor's state as of {@code observation.time()}; {@code message} is the failure, a
   * warning on an OK state, or null.
   */
  void observation(String monitor, String region, Observation observation, String message);
}
