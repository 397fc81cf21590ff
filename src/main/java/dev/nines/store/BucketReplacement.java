package dev.nines.store;

import java.util.List;

/**
 * The new content of one SLI's minute buckets over epoch minutes [fromMinute, toMinute):
 * every stored minute there is dropped and {@code minutes} take their place (a minute absent
 * from the list is empty afterwards). For history recomputed after the fact, never for new
 * measurements, which only ever add.
 */
public record BucketReplacement(String sli, long fromMinute, long toMinute,
    List<MinuteBucket> minutes) {
  public BucketReplacement {
    java.util.Objects.requireNonNull(sli, "sli");
    if (fromMinute > toMinute) {
      throw new IllegalArgumentException("minutes " + fromMinute + " to " + toMinute
          + " are reversed. Expected from <= to");
    }
    minutes = List.copyOf(minutes);
    long previous = Long.MIN_VALUE;
    for (MinuteBucket b : minutes) {
      if (b.period() < fromMinute || b.period() >= toMinute || b.period() <= previous) {
        throw new IllegalArgumentException("minute " + b.period() + " of " + sli + " is out of "
            + "order or outside [" + fromMinute + ", " + toMinute + "). Expected ascending "
            + "minutes inside the range");
      }
      if (b.good() < 0 || b.valid() < b.good()) {
        throw new IllegalArgumentException("minute " + b.period() + " of " + sli + ": good="
            + b.good() + " valid=" + b.valid() + " is inconsistent. Expected 0 <= good <= valid");
      }
      previous = b.period();
    }
  }
}
