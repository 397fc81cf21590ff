package dev.nines.export.grafana;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stable dashboard uids derived from a dashboard's path: a readable slug and the first ten hex
 * digits of the path's SHA-256, at most 40 characters of {@code [a-z0-9-]} as Grafana wants.
 * The same spec always yields the same uids, so links and bookmarks survive regeneration.
 */
final class Uids {
  private static final int SLUG_LENGTH = 29;

  private Uids() {}

  static String of(String path) {
    String slug = slug(path);
    if (slug.length() > SLUG_LENGTH) {
      slug = slug.substring(0, SLUG_LENGTH).replaceAll("-+$", "");
    }
    return slug + "-" + sha256(path).substring(0, 10);
  }

  /** Lower-case letters and digits, other runs as one dash: {@code Client - Acme} is {@code client-acme}. */
  static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  private static String sha256(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
