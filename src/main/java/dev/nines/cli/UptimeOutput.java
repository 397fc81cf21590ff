package dev.nines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nines.model.Durations;
import dev.nines.uptime.RegionalIncident;
import dev.nines.uptime.UptimeReport;
import dev.nines.uptime.UptimeSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * The text and JSON renderings of an uptime result for {@code nines uptime}. Percentages are
 * truncated to 3 decimals, never rounded up, so 100.000 % means nothing was down; without
 * anything up or down there is no uptime: "no data" (JSON {@code null}).
 */
final class UptimeOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UptimeOutput() {}

  /** Aligned lines: seconds with a human form, the uptime and its bounds, then any regions. */
  static String text(UptimeReport r, String regionsLine) {
    UptimeSnapshot s = r.uptime();
    String[] numbers = {seconds(s.upMillis()), seconds(s.downMillis()),
        seconds(s.unknownMillis()), s.hasUptime() ? percent(s.uptimeRatio()) : "no data"};
    int width = 0;
    for (String number : numbers) {
      width = Math.max(width, number.length());
    }
    String row = "%-8s %" + width + "s %s  %s%n";
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, row, "up", numbers[0], "s", human(s.upMillis())));
    b.append(String.format(Locale.ROOT, row, "down", numbers[1], "s", human(s.downMillis())));
    b.append(String.format(Locale.ROOT, row, "unknown", numbers[2], "s",
        human(s.unknownMillis())));
    if (s.hasUptime()) {
      b.append(String.format(Locale.ROOT, row, "uptime", numbers[3], "%",
          "[" + percent(s.lowerRatio()) + " %, " + percent(s.upperRatio()) + " %]"));
    } else {
      b.append(String.format(Locale.ROOT, "%-8s %" + width + "s    %s%n", "uptime", numbers[3],
          "(nothing was up or down)"));
    }
    if (r.attributedUntil().isBefore(r.to())) {
      b.append(String.format(Locale.ROOT, "%-8s %s%n", "pending", "from " + r.attributedUntil()
          + ": the time after the last check waits for the next one"));
    }
    if (regionsLine != null) {
      b.append(String.format(Locale.ROOT, "%-8s %s%n", "regions", regionsLine));
      appendIncidents(b, r);
    }
    return b.toString();
  }

  private static void appendIncidents(StringBuilder b, UptimeReport r) {
    if (r.incidents().isEmpty()) {
      b.append("regional incidents: none").append(System.lineSeparator());
      return;
    }
    b.append("regional incidents:").append(System.lineSeparator());
    int width = r.incidents().stream().mapToInt(i -> i.region().length()).max().orElse(0);
    for (RegionalIncident i : r.incidents()) {
      String span = i.open() ? i.start() + "  open"
          : i.start() + "  " + i.end() + "  "
              + human(Duration.between(i.start(), i.end()).toMillis());
      b.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", i.region(), span));
    }
  }

  /**
   * One JSON object: seconds and milliseconds, 0–1 ratios ({@code uptime} null without
   * anything up or down, the bounds null without anything attributed), plus the regional
   * incidents when regional.
   */
  static String json(UptimeReport r, boolean regional) {
    UptimeSnapshot s = r.uptime();
    ObjectNode root = JSON.createObjectNode();
    root.put("upSeconds", s.upMillis() / 1000.0);
    root.put("downSeconds", s.downMillis() / 1000.0);
    root.put("unknownSeconds", s.unknownMillis() / 1000.0);
    root.put("uptime", s.uptimeRatio());
    root.put("lower", s.lowerRatio());
    root.put("upper", s.upperRatio());
    root.put("upMillis", s.upMillis());
    root.put("downMillis", s.downMillis());
    root.put("unknownMillis", s.unknownMillis());
    root.put("uncertainMillis", s.uncertainMillis());
    root.put("from", r.from().toString());
    root.put("to", r.to().toString());
    root.put("attributedUntil", r.attributedUntil().toString());
    if (regional) {
      ArrayNode incidents = root.putArray("regionalIncidents");
      for (RegionalIncident i : r.incidents()) {
        ObjectNode incident = incidents.addObject();
        incident.put("region", i.region());
        incident.put("start", i.start().toString());
        incident.put("end", i.open() ? null : i.end().toString());
      }
    }
    return root.toString() + System.lineSeparator();
  }

  private static String seconds(long millis) {
    return BigDecimal.valueOf(millis, 3).toPlainString();
  }

  /** A 0–1 ratio as a percentage with 3 decimals, truncated: {@code 0.999995} is 99.999. */
  static String percent(double ratio) {
    return BigDecimal.valueOf(ratio).movePointRight(2).setScale(3, RoundingMode.DOWN)
        .toPlainString();
  }

  /** A human form such as {@code 1h 2m 3s}; sub-second time as {@code 250ms}. */
  static String human(long millis) {
    return Durations.format(Duration.ofMillis(millis)).replaceAll("(?<=[a-z])(?=\\d)", " ");
  }
}
