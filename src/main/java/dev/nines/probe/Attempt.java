package dev.nines.probe;

import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec.Depth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One attempt of a monitor from one region: which monitor, where, whether it was a retry
 * ({@code retry} 0 for a scheduled check, 1.. for retries of a failed one), when it was planned
 * and when it started, and what it found. Start minus planned is the scheduling lag.
 */
public record Attempt(String monitor, String region, MonitorKind kind, Depth depth, int retry,
    Instant planned, Instant start, CheckResult result) {

  public boolean ok() {
    return result.ok();
  }

  public Integer status() {
    return result.status();
  }

  public String error() {
    return result.error();
  }

  public Phases phases() {
    return result.phases();
  }

  public List<StepAttempt> steps() {
    return result.steps();
  }

  /** How late the attempt started against its plan; never negative. */
  public Duration lag() {
    Duration lag = Duration.between(planned, start);
    return lag.isNegative() ? Duration.ZERO : lag;
  }
}
