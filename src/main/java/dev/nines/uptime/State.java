package dev.nines.uptime;

import java.util.Locale;

/**
 * The state a monitor reports at one instant: up ({@link #OK}), down ({@link #ERROR}) or
 * cannot tell ({@link #UNKNOWN}: a pending retry, a silent region, maintenance).
 */
public enum State {
  OK, UNKNOWN, ERROR;

  /**
   * Parses a state name, ignoring case and surrounding spaces; {@code up} is accepted for OK
   * and {@code down} for ERROR.
   *
   * @throws IllegalArgumentException naming the text and the accepted states
   */
  public static State parse(String text) {
    String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return switch (key) {
      case "ok", "up" -> OK;
      case "unknown" -> UNKNOWN;
      case "error", "down" -> ERROR;
      default -> throw new IllegalArgumentException(
          "'" + text + "' is not a state. Expected OK, UNKNOWN or ERROR");
    };
  }
}
