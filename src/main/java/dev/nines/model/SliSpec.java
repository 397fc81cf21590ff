package dev.nines.model;

import java.time.Duration;
import java.util.Set;

/**
 * What an SLO measures: the kind of indicator, its threshold for latency and freshness, and
 * where the events come from.
 *
 * @param threshold good-event bound for latency (duration) and freshness (lag); else null
 * @param badStatuses HTTP statuses counted as bad besides 5xx and failures (e.g. 429), may be empty
 */
public record SliSpec(SliKind kind, Duration threshold, SliSource source, Set<Integer> badStatuses) {
  public SliSpec {
    badStatuses = Set.copyOf(badStatuses);
    if (kind.needsThreshold() && threshold == null) {
      throw new IllegalArgumentException(kind.id() + " needs a threshold");
    }
  }
}
