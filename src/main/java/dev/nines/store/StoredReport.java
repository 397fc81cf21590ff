package dev.nines.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One archived report: a client's period (e.g. {@code 2026-10}) in one format ({@code pdf},
 * {@code html}, {@code md}), with the hash of its figures; {@code content} is empty in
 * listings.
 */
public record StoredReport(String client, String period, String format, Instant createdAt,
    String figuresHash, long size, byte[] content) {
  public StoredReport {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(format, "format");
    content = content == null ? new byte[0] : content.clone();
  }

  /** A report to archive, its size taken from the content. */
  public static StoredReport of(String client, String period, String format, Instant createdAt,
      String figuresHash, byte[] content) {
    return new StoredReport(client, period, format, createdAt, figuresHash, content.length,
        content);
  }

  @Override public byte[] content() {
    return content.clone();
  }

  @Override public boolean equals(Object o) {
    return o instanceof StoredReport r && r.client.equals(client) && r.period.equals(period)
        && r.format.equals(format) && r.createdAt.equals(createdAt)
        && Objects.equals(r.figuresHash, figuresHash) && r.size == size
        && Arrays.equals(r.content, content);
  }

  @Override public int hashCode() {
    return Objects.hash(client, period, format, createdAt, figuresHash, size);
  }

  @Override public String toString() {
    return "StoredReport[" + client + " " + period + " " + format + ", " + size + " bytes]";
  }
}
