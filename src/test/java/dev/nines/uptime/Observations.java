package dev.nines.uptime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test shorthand for observation lists: {@code "OK 0; ERROR 10"} in seconds after 10:00:00. */
final class Observations {
  static final Instant TEN = Instant.parse("2026-10-01T10:00:00Z");

  private Observations() {}

  static List<Observation> of(String text) {
    List<Observation> observations = new ArrayList<>();
    for (String part : text.split(";")) {
      String[] stateAndSecond = part.strip().split("\\s+");
      observations.add(new Observation(at(Long.parseLong(stateAndSecond[1])),
          State.valueOf(stateAndSecond[0])));
    }
    return observations;
  }

  static Instant at(long secondsAfterTen) {
    return TEN.plusSeconds(secondsAfterTen);
  }

  static Observation obs(String hhmmss, State state) {
    return new Observation(Instant.parse("2026-10-01T" + hhmmss + "Z"), state);
  }
}
