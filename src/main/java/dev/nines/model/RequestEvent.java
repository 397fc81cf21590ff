package dev.nines.model;

import java.time.Instant;

/**
 * One request as a producer reports it: which service and endpoint, how it ended, how long
 * it took, when it happened and, for freshness SLIs, when its result was processed.
 *
 * @param status the HTTP status, or 0 when the request failed without one
 * @param failed true for a timeout or connection failure (no response at all)
 * @param processedTime when the update this event carries was processed, or null
 * @param layer the hop of the request path that saw the request (one of the service's
 *     layers, e.g. {@code cdn}), or null when the producer does not say
 */
public record RequestEvent(String service, String endpoint, int status, long durationMillis,
    Instant time, Instant processedTime, boolean failed, String layer) {

  /** An event that names no layer. */
  public RequestEvent(String service, String endpoint, int status, long durationMillis,
      Instant time, Instant processedTime, boolean failed) {
    this(service, endpoint, status, durationMillis, time, processedTime, failed, null);
  }
}
