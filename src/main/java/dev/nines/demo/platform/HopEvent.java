package dev.nines.demo.platform;

import java.time.Instant;

/**
 * One request (or processed update) as a hop of the platform saw it, in the shape of a Nines
 * request event.
 *
 * @param status the HTTP status answered, or 0 when there was no answer ({@code failed})
 * @param processedTime when the update it carries was processed, for freshness; else null
 * @param layer the hop's layer in the spec: cdn, load-balancer, ingress or api
 */
public record HopEvent(String endpoint, int status, long durationMillis, Instant time,
    Instant processedTime, boolean failed, String layer) {

  /** A request answered with {@code status}. */
  public static HopEvent request(String layer, String endpoint, int status, long durationMillis,
      Instant time) {
    return new HopEvent(endpoint, status, durationMillis, time, null, false, layer);
  }
}
