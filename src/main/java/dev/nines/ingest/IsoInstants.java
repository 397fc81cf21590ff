package dev.nines.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 instants as producers send them, read without the general formatter: the common
 * form {@code 2026-10-01T10:00:00Z} with an optional fraction of 1 to 9 digits takes a fast
 * path; anything else (offsets, lower case, leap seconds) goes to {@link Instant#parse}, so
 * both accept and reject exactly the same text.
 */
final class IsoInstants {
  private static final int SHORTEST = "2026-10-01T10:00:00Z".length();

  private IsoInstants() {}

  /**
   * The instant {@code length} characters from {@code offset} in {@code text} name.
   *
   * @throws DateTimeParseException when it is not an ISO-8601 instant
   */
  static Instant parse(char[] text, int offset, int length) {
    Instant fast = fast(text, offset, length);
    return fast != null ? fast : Instant.parse(new String(text, offset, length));
  }

  /** The common form, or null to leave the text to the general parser. */
  private static Instant fast(char[] t, int o, int n) {
    if (n < SHORTEST || n > SHORTEST + 10 || t[o + n - 1] != 'Z' || t[o + 4] != '-'
        || t[o + 7] != '-' || t[o + 10] != 'T' || t[o + 13] != ':' || t[o + 16] != ':') {
      return null;
    }
    int year = digits(t, o, 4);
    int month = digits(t, o + 5, 2);
    int day = digits(t, o + 8, 2);
    int hour = digits(t, o + 11, 2);
    int minute = digits(t, o + 14, 2);
    int second = digits(t, o + 17, 2);
    int nanos = 0;
    int fraction = n - SHORTEST - 1;            // digits after the point, or -1 for none
    if (fraction == 0 || fraction > 0 && t[o + 19] != '.') {
      return null;
    }
    if (fraction > 0) {
      nanos = digits(t, o + 20, fraction);
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59
        || second > 59) {
      return null;
    }
    try {
      long days = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    } catch (DateTimeException e) {
      return null;                               // e.g. February 30th: the general parser says so
    }
  }

  /** The value of {@code count} decimal digits, or -1 if any is not a digit. */
  private static int digits(char[] t, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      int d = t[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
