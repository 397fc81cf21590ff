package dev.nines.store;

import java.time.Instant;

/**
 * A filter over the alert history; null fields match everything. Results are newest first.
 *
 * @param from inclusive, or null
 * @param to exclusive, or null
 */
public record AlertQuery(String kind, String severity, String audience, String service,
    String client, String subject, String transition, String instance, Instant from,
    Instant to) {

  /** No filter at all. */
  public static AlertQuery all() {
    return new AlertQuery(null, null, null, null, null, null, null, null, null, null);
  }

  /** Every transition of one alert occurrence. */
  public static AlertQuery instance(String instance) {
    return new AlertQuery(null, null, null, null, null, null, null, instance, null, null);
  }
}
