package dev.nines.probe;

import java.time.Instant;

/**
 * The leaf certificate a TLS endpoint presented: its subject, its {@code notAfter} instant and
 * the whole days of validity left at the time of the check (negative once expired).
 */
public record Certificate(String subject, Instant notAfter, long daysLeft) {
  /** The certificate as seen at {@code at}: days left {@link #daysLeft(Instant, Instant)}. */
  public static Certificate of(String subject, Instant notAfter, Instant at) {
    return new Certificate(subject, notAfter, daysLeft(notAfter, at));
  }

  /**
   * Whole days of validity left at {@code at}: {@code floor((notAfter - at) / 1 day)}, negative
   * once expired (a certificate expiring in 23 hours has 0 days left).
   */
  public static long daysLeft(Instant notAfter, Instant at) {
    return Math.floorDiv(notAfter.getEpochSecond() - at.getEpochSecond(), 86_400L);
  }
}
