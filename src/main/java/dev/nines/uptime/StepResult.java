package dev.nines.uptime;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one step of a journey run: whether its assertions passed, how long it took
 * and, for a failed step, why (may be null when no reason was recorded).
 */
public record StepResult(String name, boolean passed, Duration duration, String failure) {
  public StepResult {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("step '" + name + "': blank name. "
          + "Expected a step name such as fetch-order");
    }
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("step " + name + ": duration " + duration
          + " is negative. Expected >= 0");
    }
    if (passed && failure != null) {
      throw new IllegalArgumentException("step " + name + ": passed with failure '" + failure
          + "'. Expected no failure on a passed step");
    }
  }
}
