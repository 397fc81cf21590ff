package dev.nines.probe;

import java.util.List;

/**
 * What one attempt of a check found, with every failure as data: {@code error} is set exactly
 * when {@code ok} is false; {@code warning} may accompany a passing check (a certificate near
 * expiry). {@code status} is the HTTP status, or null without one; {@code steps} are a
 * journey's steps in run order (empty for other kinds); {@code certificate} is set by TLS
 * expiry checks.
 */
public record CheckResult(boolean ok, Integer status, String error, String warning,
    Phases phases, List<StepAttempt> steps, Certificate certificate) {
  public CheckResult {
    if (ok == (error != null)) {
      throw new IllegalArgumentException("ok " + ok + " with error '" + error
          + "'. Expected an error exactly when the check failed");
    }
    steps = List.copyOf(steps);
  }

  /** A passing check without a warning. */
  public static CheckResult passed(Integer status, Phases phases) {
    return new CheckResult(true, status, null, null, phases, List.of(), null);
  }

  /** A failed check. */
  public static CheckResult failed(Integer status, String error, Phases phases) {
    return new CheckResult(false, status, error, null, phases, List.of(), null);
  }

  /** The first failed journey step, or null. */
  public String failedStep() {
    return steps.stream().filter(s -> !s.ok()).map(StepAttempt::name).findFirst().orElse(null);
  }
}
