package dev.nines.store;

import java.time.Instant;

/**
 * One probe attempt as stored, with phase timings in milliseconds (null when the phase did
 * not happen), for journeys the steps as JSON, and for HTTPS and TLS-expiry checks when the
 * certificate the server presented expires (else null).
 */
public record StoredAttempt(String monitor, String region, Instant startedAt, boolean ok,
    Integer status, String error, Double dnsMillis, Double connectMillis, Double tlsMillis,
    Double firstByteMillis, Double totalMillis, String stepsJson, Instant certNotAfter) {

  /** An attempt without a certificate. */
  public StoredAttempt(String monitor, String region, Instant startedAt, boolean ok,
      Integer status, String error, Double dnsMillis, Double connectMillis, Double tlsMillis,
      Double firstByteMillis, Double totalMillis, String stepsJson) {
    this(monitor, region, startedAt, ok, status, error, dnsMillis, connectMillis, tlsMillis,
        firstByteMillis, totalMillis, stepsJson, null);
  }

  /**
   * Whole days the certificate had left when the attempt started,
   * {@code floor((certNotAfter - startedAt) / 1 day)}, or null without a certificate.
   */
  public Long certDaysLeft() {
    return certNotAfter == null ? null
        : Math.floorDiv(certNotAfter.getEpochSecond() - startedAt.getEpochSecond(), 86_400L);
  }
}
