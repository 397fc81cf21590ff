package dev.nines.probe;

/**
 * Phase timings of one attempt in milliseconds (fractions kept): the lengths of the DNS,
 * TCP connect and TLS handshake phases, and the time to first byte and total time measured
 * from the start of the call, as curl's {@code time_starttransfer} and {@code time_total}.
 * DNS is 0 for an IP literal (no lookup needed) and for a name found in {@link Lookups}; a
 * phase that did not happen (a kept-alive connection reused, TLS over plain HTTP, a failure
 * before it) is {@link #ABSENT}; after redirects a phase is the sum over all hops.
 */
public record Phases(double dnsMillis, double connectMillis, double tlsMillis,
    double firstByteMillis, double totalMillis) {
  /** The value of a phase that did not happen. */
  public static final double ABSENT = -1;

  /** No phase at all: a check that did not get as far as starting. */
  public static final Phases NONE = new Phases(ABSENT, ABSENT, ABSENT, ABSENT, ABSENT);

  /** Only a total, for checks without finer phases. */
  public static Phases total(double totalMillis) {
    return new Phases(ABSENT, ABSENT, ABSENT, ABSENT, totalMillis);
  }
}
