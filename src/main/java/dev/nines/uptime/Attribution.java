package dev.nines.uptime;

import java.util.Locale;

/** How the time between two consecutive observations counts: up, down or unknown. */
public enum Attribution {
  UP, DOWN, UNKNOWN;

  /**
   * Parses {@code up}, {@code down} or {@code unknown}, ignoring case and surrounding spaces.
   *
   * @throws IllegalArgumentException naming the text and the accepted values
   */
  public static Attribution parse(String text) {
    String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "up" -> UP;
      case "down" -> DOWN;
      case "unknown" -> UNKNOWN;
      default -> throw new IllegalArgumentException(
          "'" + text + "' is not an attribution. Expected up, down or unknown");
    };
  }
}
