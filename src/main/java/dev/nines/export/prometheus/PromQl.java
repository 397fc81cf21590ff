package dev.nines.export.prometheus;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PromQL spelling: durations as Prometheus prints them, exact numbers, label selectors. */
final class PromQl {
  private static final Pattern WINDOW = Pattern.compile("\\{\\{\\s*\\.window\\s*\\}\\}");
  private static final long[] SIZES = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000,
      60_000, 1_000, 1};
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};

  private PromQl() {}

  /**
   * A duration as Prometheus prints it: years and weeks only when exact, so 28d is
   * {@code 4w}, 30d stays {@code 30d}, 24h is {@code 1d}.
   */
  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < SIZES.length; i++) {
      boolean exactOnly = i < 2;
      if (exactOnly && ms % SIZES[i] != 0) {
        continue;
      }
      if (ms >= SIZES[i]) {
        b.append(ms / SIZES[i]).append(UNITS[i]);
        ms %= SIZES[i];
      }
    }
    return b.toString();
  }

  /** An exact decimal without exponent or trailing zeros: {@code 0.999}, {@code 14.4}, {@code 30}. */
  static String number(BigDecimal n) {
    BigDecimal s = n.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  /** Whether a query has Sloth's {@code {{.window}}} placeholder. */
  static boolean hasWindow(String query) {
    return WINDOW.matcher(query).find();
  }

  /** A query with its {@code {{.window}}} placeholders replaced by {@code window}. */
  static String atWindow(String query, Duration window) {
    return WINDOW.matcher(query).replaceAll(Matcher.quoteReplacement(duration(window)));
  }

  /** A selector {@code {a="x", b="y"}} with keys sorted, as Sloth writes them. */
  static String selector(Map<String, String> labels) {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    new TreeMap<>(labels).forEach((k, v) -> j.add(k + "=" + quote(v)));
    return j.toString();
  }

  /** A PromQL string literal. */
  static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
