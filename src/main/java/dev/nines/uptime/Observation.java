package dev.nines.uptime;

import java.time.Instant;
import java.util.Objects;

/** One state reported by a monitor (or derived for a service) at one instant. */
public record Observation(Instant time, State state) {
  public Observation {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(state, "state");
  }
}
