package dev.nines.view;

import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A span of one state on a timeline: from {@code start} (inclusive) to {@code end}. */
public record Segment(Instant start, Instant end, State state) {
  public Segment {
    Objects.requireNonNull(state, "state");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("segment " + start + ".." + end + " is empty. "
          + "Expected start < end");
    }
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  /**
   * Reads a step timeline (each state holds until the next point) as segments clipped to
   * {@code [from, to)}; time before the first point is UNKNOWN, and neighbouring segments of
   * one state are merged.
   */
  public static List<Segment> of(List<Observation> steps, Instant from, Instant to) {
    List<Segment> out = new ArrayList<>();
    Instant cursor = from;
    State state = State.UNKNOWN;
    for (Observation o : steps) {
      if (o.time().isAfter(cursor)) {
        Instant end = o.time().isBefore(to) ? o.time() : to;
        add(out, cursor, end, state);
        cursor = end;
      }
      state = o.state();
      if (!cursor.isBefore(to)) {
        break;
      }
    }
    add(out, cursor, to, state);
    return out;
  }

  private static void add(List<Segment> out, Instant start, Instant end, State state) {
    if (!start.isBefore(end)) {
      return;
    }
    int n = out.size();
    if (n > 0 && out.get(n - 1).state() == state && out.get(n - 1).end().equals(start)) {
      out.set(n - 1, new Segment(out.get(n - 1).start(), end, state));
    } else {
      out.add(new Segment(start, end, state));
    }
  }
}
