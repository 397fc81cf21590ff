package dev.nines.store;

import java.time.Instant;

/**
 * A filter over the alert history; null fields match everything. Results are newest first,
 * except those {@code undelivered}, which come oldest first (the order they are handed on).
 *
 * @param from inclusive, or null
 * @param to exclusive, or null
 * @param undelivered only transitions not handed on yet
 */
public record AlertQuery(String kind, String severity, String audience, String service,
    String client, String subject, String transition, String instance, Instant from,
    Instant to, boolean undelivered) {

  /** A filter over every transition, delivered or not. */
  public AlertQuery(String kind, String severity, String audience, String service,
      String client, String subject, String transition, String instance, Instant from,
      Instant to) {
    this(kind, severity, audience, service, client, subject, transition, instance, from, to,
        false);
  }

  /** No filter at all. */
  public static AlertQuery all() {
    return new AlertQuery(null, null, null, null, null, null, null, null, null, null);
  }

  /** Every transition of one alert occurrence. */
  public static AlertQuery instance(String instance) {
    return new AlertQuery(null, null, null, null, null, null, null, instance, null, null);
  }

  /** The transitions not handed on yet, oldest first. */
  public static AlertQuery undeliveredOnly() {
    return new AlertQuery(null, null, null, null, null, null, null, null, null, null, true);
  }
}
