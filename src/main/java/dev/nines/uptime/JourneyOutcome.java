package dev.nines.uptime;

import java.time.Duration;
import java.util.Objects;

/**
 * The verdict on one journey run: good or not, the total time, and why. {@code failedStep}
 * names the first failed step and is set exactly when the reason is {@link Reason#STEP_FAILED}.
 */
public record JourneyOutcome(boolean good, Duration total, String failedStep, Reason reason) {

  /** Why a run is good or bad; a failed step wins over the budget. */
  public enum Reason { PASSED, STEP_FAILED, OVER_BUDGET }

  public JourneyOutcome {
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(reason, "reason");
    if (good != (reason == Reason.PASSED)) {
      throw new IllegalArgumentException("reason " + reason + " with good " + good
          + ". Expected good exactly when the reason is PASSED");
    }
    if ((failedStep != null) != (reason == Reason.STEP_FAILED)) {
      throw new IllegalArgumentException("reason " + reason + " with failed step " + failedStep
          + ". Expected a failed step exactly when the reason is STEP_FAILED");
    }
  }
}
