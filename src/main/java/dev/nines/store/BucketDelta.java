package dev.nines.store;

/** Events to add to one SLI's bucket for one epoch minute. */
public record BucketDelta(String sli, long minute, long good, long valid) {
  public BucketDelta {
    if (good < 0 || valid < good) {
      throw new IllegalArgumentException("delta good=" + good + " valid=" + valid
          + " is inconsistent. Expected 0 <= good <= valid");
    }
  }
}
