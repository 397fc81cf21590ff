package dev.nines.slo;

import dev.nines.model.RequestEvent;
import dev.nines.model.SliKind;
import dev.nines.model.SliSpec;

/**
 * Whether a request event counts for a ratio SLI, and whether it is good:
 * <ul>
 *   <li>availability: every event is valid; good unless it failed, is a 5xx, or its status is
 *       one of the SLI's {@code badStatuses} (e.g. 429);
 *   <li>error ratio: every event is valid; good only for 2xx and 3xx not in badStatuses;
 *   <li>latency: every event is valid; good when available (as above) AND its duration is at
 *       or under the threshold, so a fast 500 is not a good latency event;
 *   <li>freshness: valid when it carries a processed time; good when processed - time is at
 *       or under the threshold.
 * </ul>
 * Uptime and journey SLIs are not measured from events: nothing is valid for them.
 */
public final class EventClassifier {
  /** The event does not count. */
  public static final int INVALID = 0;
  /** The event counts and is bad. */
  public static final int BAD = 1;
  /** The event counts and is good. */
  public static final int GOOD = 2;

  private EventClassifier() {}

  /** {@link #INVALID}, {@link #BAD} or {@link #GOOD} for {@code e} under {@code sli}. */
  public static int classify(SliSpec sli, RequestEvent e) {
    return switch (sli.kind()) {
      case AVAILABILITY -> available(sli, e) ? GOOD : BAD;
      case ERROR_RATIO -> !e.failed() && e.status() >= 200 && e.status() < 400
          && !sli.badStatuses().contains(e.status()) ? GOOD : BAD;
      case LATENCY -> available(sli, e) && e.durationMillis() <= sli.threshold().toMillis()
          ? GOOD : BAD;
      case FRESHNESS -> e.processedTime() == null ? INVALID
          : e.processedTime().toEpochMilli() - e.time().toEpochMilli()
              <= sli.threshold().toMillis() ? GOOD : BAD;
      case UPTIME, JOURNEY -> INVALID;
    };
  }

  private static boolean available(SliSpec sli, RequestEvent e) {
    return !e.failed() && e.status() > 0 && e.status() < 500
        && !sli.badStatuses().contains(e.status());
  }

  /** Whether SLIs of this kind can be measured from request events. */
  public static boolean measuresEvents(SliKind kind) {
    return kind != SliKind.UPTIME && kind != SliKind.JOURNEY;
  }
}
