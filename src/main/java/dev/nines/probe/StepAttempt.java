package dev.nines.probe;

import dev.nines.uptime.StepResult;
import java.time.Duration;

/**
 * One step of a journey attempt: whether it passed, the HTTP status (null without a
 * response), the failure (null when it passed) and its phase timings.
 */
public record StepAttempt(String name, boolean ok, Integer status, String error, Phases phases) {
  /** The step as the journey scoring in {@code dev.nines.uptime} sees it. */
  public StepResult result() {
    long nanos = Math.round(Math.max(0, phases.totalMillis()) * 1_000_000);
    return new StepResult(name, ok, Duration.ofNanos(nanos), error);
  }
}
