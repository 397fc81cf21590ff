package dev.nines.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The lifecycle of alerts, as Prometheus and Alertmanager have it: a condition that holds makes
 * an alert pending, firing once it has held for its {@code for}; a firing alert is notified
 * again every repeat interval; an alert whose condition no longer holds resolves (a pending one
 * clears without a word). Silenced alerts (maintenance) change state as usual but nobody is
 * told; an alert that fired silenced is notified once the silence ends, and its resolution is
 * told only if its firing was. Pure: states and conditions in, states and transitions out.
 */
public final class AlertLifecycle {
  private AlertLifecycle() {}

  /** The open alerts after a step, by fingerprint, and what changed. */
  public record Step(Map<String, AlertState> open, List<Transition> transitions) {
    public Step {
      open = Map.copyOf(open);
      transitions = List.copyOf(transitions);
    }
  }

  /**
   * One evaluation at {@code now}.
   *
   * @param open the open alerts by fingerprint
   * @param conditions every condition evaluated now: the active ones and, for each open alert,
   *     its condition (inactive when it no longer holds); an open alert without a condition
   *     (its subject left the spec) resolves
   * @param repeatInterval how often a firing alert is notified again
   * @param silenced whether a condition's service is in maintenance now
   */
  public static Step step(Map<String, AlertState> open, Collection<Condition> conditions,
      Instant now, Duration repeatInterval, Predicate<Condition> silenced) {
    Map<String, AlertState> next = new LinkedHashMap<>(open);
    List<Transition> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Condition c : conditions) {
      if (!seen.add(c.fingerprint())) {
        continue;
      }
      AlertState s = open.get(c.fingerprint());
      boolean quiet = silenced.test(c);
      if (c.active()) {
        AlertState n = active(s, c, now, repeatInterval, quiet, out);
        next.put(c.fingerprint(), n);
      } else if (s != null) {
        next.remove(c.fingerprint());
        end(s, c, now, quiet, out);
      }
    }
    for (AlertState s : open.values()) {
      if (!seen.contains(s.fingerprint())) {
        next.remove(s.fingerprint());
        end(s, s.condition(), now, silenced.test(s.condition()), out);
      }
    }
    return new Step(next, out);
  }

  private static AlertState active(AlertState s, Condition c, Instant now, Duration repeat,
      boolean quiet, List<Transition> out) {
    if (s == null) {
      String instance = AlertState.instanceOf(c, now);
      if (c.forDuration().isZero()) {
        out.add(new Transition(instance, Transition.Type.FIRING, now, c, !quiet, quiet));
        return new AlertState(instance, c, AlertState.Status.FIRING, now, now,
            quiet ? null : now, !quiet, quiet);
      }
      out.add(new Transition(instance, Transition.Type.PENDING, now, c, false, quiet));
      return new AlertState(instance, c, AlertState.Status.PENDING, now, null, null, false,
          quiet);
    }
    if (s.status() == AlertState.Status.PENDING) {
      if (Duration.between(s.activeSince(), now).compareTo(c.forDuration()) < 0) {
        return new AlertState(s.instance(), c, s.status(), s.activeSince(), null, null, false,
            quiet);
      }
      out.add(new Transition(s.instance(), Transition.Type.FIRING, now, c, !quiet, quiet));
      return new AlertState(s.instance(), c, AlertState.Status.FIRING, s.activeSince(), now,
          quiet ? null : now, !quiet, quiet);
    }
    if (quiet) {
      return new AlertState(s.instance(), c, s.status(), s.activeSince(), s.firingSince(),
          s.lastNotifiedAt(), s.notified(), true);
    }
    if (!s.notified()) {            // fired in silence, and the silence is over
      out.add(new Transition(s.instance(), Transition.Type.FIRING, now, c, true, false));
      return new AlertState(s.instance(), c, s.status(), s.activeSince(), s.firingSince(), now,
          true, false);
    }
    if (Duration.between(s.lastNotifiedAt(), now).compareTo(repeat) >= 0) {
      out.add(new Transition(s.instance(), Transition.Type.REPEAT, now, c, true, false));
      return new AlertState(s.instance(), c, s.status(), s.activeSince(), s.firingSince(), now,
          true, false);
    }
    return new AlertState(s.instance(), c, s.status(), s.activeSince(), s.firingSince(),
        s.lastNotifiedAt(), true, false);
  }

  private static void end(AlertState s, Condition c, Instant now, boolean quiet,
      List<Transition> out) {
    if (s.status() == AlertState.Status.PENDING) {
      out.add(new Transition(s.instance(), Transition.Type.CLEARED, now, c, false, quiet));
    } else {
      out.add(new Transition(s.instance(), Transition.Type.RESOLVED, now, c, s.notified(),
          quiet));
    }
  }
}
