package dev.nines.probe;

import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the engine's live states into final ones per monitor and region: a pending UNKNOWN is
 * held until its retry decides, then released with the OK that ends it, or dropped in favour
 * of the ERROR backdated to its time. Not thread-safe.
 */
public final class PendingStates {
  /** A final state of one monitor in one region. */
  public record Resolved(String monitor, String region, Observation observation, String message) {}

  private final Map<String, List<Resolved>> waiting = new HashMap<>();

  /** The states {@code next} makes final, in time order (empty while it is pending). */
  public List<Resolved> resolve(Resolved next) {
    List<Resolved> held = waiting.computeIfAbsent(next.monitor() + "\u0000" + next.region(),
        k -> new ArrayList<>());
    if (next.observation().state() == State.UNKNOWN) {
      held.add(next);
      return List.of();
    }
    List<Resolved> out = new ArrayList<>();
    for (Resolved w : held) {
      if (next.observation().state() != State.ERROR
          || w.observation().time().isBefore(next.observation().time())) {
        out.add(w);
      }
    }
    held.clear();
    out.add(next);
    return out;
  }
}
