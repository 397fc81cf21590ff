package dev.nines.web.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A writer of the Prometheus text exposition format (version 0.0.4): each metric family once,
 * its HELP and TYPE lines followed by all of its samples (grouped, whatever order they were
 * added in); label values escaped (backslash, quote, newline); NaN and infinities spelled as
 * Prometheus reads them.
 */
final class TextFormat {
  /** One metric family being written. */
  static final class Family {
    private final String name;
    private final StringBuilder out = new StringBuilder();

    private Family(String name, String type, String help) {
      this.name = name;
      out.append("# HELP ").append(name).append(' ')
          .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** A sample of the family's own name; {@code labels} alternate names and values. */
    Family sample(double value, String... labels) {
      return sampleOf(name, value, labels);
    }

    /** A sample of a suffixed name, e.g. {@code _bucket} of a histogram. */
    Family sampleOf(String sampleName, double value, String... labels) {
      out.append(sampleName);
      if (labels.length > 0) {
        out.append('{');
        for (int i = 0; i < labels.length; i += 2) {
          if (i > 0) {
            out.append(',');
          }
          out.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        out.append('}');
      }
      out.append(' ').append(number(value)).append('\n');
      return this;
    }
  }

  private final Map<String, Family> families = new LinkedHashMap<>();

  /** The family {@code name}, declared on first use: {@code type} is counter, gauge or histogram. */
  Family family(String name, String type, String help) {
    return families.computeIfAbsent(name, n -> new Family(n, type, help));
  }

  static String escape(String v) {
    return (v == null ? "" : v).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v).toLowerCase(Locale.ROOT);
  }

  @Override public String toString() {
    StringBuilder all = new StringBuilder(64 * 1024);
    families.values().forEach(f -> all.append(f.out));
    return all.toString();
  }
}
