package dev.nines.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of broken inputs for fuzz tests: each mutant is a valid seed with one to
 * four edits of the kinds that broke Nines before (huge numbers and durations, far-off times,
 * control characters, anchors and aliases, list keys, deep nesting, cut-off text, wrong
 * indentation, stray bytes that are not UTF-8). The same seed gives the same mutants, so a
 * failure names its seed and case and replays exactly.
 */
public final class Mutator {
  /** Text that once made a reader throw, overflow, hang or lose its location. */
  public static final List<String> NASTY = List.of("99999999999999999999", "2147483648", "-1",
      "1e400", "0", "-0.0", "NaN", "9223372036854775807ms", "99999999999d", "1m", "0s",
      "+300000000-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
      "null", "~", "''", "\"\"", "[]", "{}", "[a, b]", "{a: 1}", "? [a, b]\n: 1", "&a x", "*a",
      "*nope", "<<: *a", "!!binary AAAA", "!custom x", "\t", "\u0001", "\u007f", "\u00e9",
      "\uFEFF", "\"unterminated", "'", "#", "---", "...", "|", ">", "%", "@", "`", "\\",
      "x".repeat(300), "[[[[[[[[[[[[[[[[[[[[", "{{{{{{{{{{", ": :", "- -", "1.5", "true",
      "100.0001", "99.99999999999999999999999", "99.9%", "28d", "year", "P30D");

  private final SplittableRandom random;

  public Mutator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A mutant of {@code seed}, as text. */
  public String text(String seed) {
    String s = seed;
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      s = edit(s);
    }
    return s;
  }

  /** A mutant of {@code seed} as bytes: usually UTF-8 text, sometimes with a stray byte. */
  public byte[] bytes(String seed) {
    byte[] b = text(seed).getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(8) == 0 && b.length > 0) {
      b = Arrays.copyOf(b, b.length);
      b[random.nextInt(b.length)] = (byte) (0x80 + random.nextInt(0x80));
    }
    return b;
  }

  private String edit(String s) {
    if (s.isEmpty()) {
      return pick(NASTY);
    }
    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
    int at = random.nextInt(s.length());
    int line = random.nextInt(lines.size());
    return switch (random.nextInt(10)) {
      case 0 -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + random.nextInt(40)));
      case 1 -> s.substring(0, at) + pick(NASTY) + s.substring(at);
      case 2 -> {
        lines.add(line, lines.get(line));
        yield String.join("\n", lines);
      }
      case 3 -> {
        int other = random.nextInt(lines.size());
        String t = lines.get(line);
        lines.set(line, lines.get(other));
        lines.set(other, t);
        yield String.join("\n", lines);
      }
      case 4 -> {
        String l = lines.get(line);
        int colon = l.indexOf(": ");
        lines.set(line, colon < 0 ? l + " " + pick(NASTY) : l.substring(0, colon + 2) + pick(NASTY));
        yield String.join("\n", lines);
      }
      case 5 -> {
        String l = lines.get(line);
        lines.set(line, random.nextBoolean() ? "  " + l : l.replaceFirst("^ {1,2}", ""));
        yield String.join("\n", lines);
      }
      case 6 -> s.substring(0, at);
      case 7 -> {
        String l = lines.get(line);
        int colon = l.indexOf(": ");
        lines.set(line, colon < 0 ? l : l.substring(0, colon + 2) + "&a " + l.substring(colon + 2));
        lines.add(Math.min(lines.size(), line + 1 + random.nextInt(5)),
            lines.get(line).replaceFirst(":.*", ": *a"));
        yield String.join("\n", lines);
      }
      case 8 -> s.substring(0, at) + "[".repeat(1 + random.nextInt(1500)) + s.substring(at);
      default -> s.substring(0, at) + (char) random.nextInt(0x20) + s.substring(at);
    };
  }

  private String pick(List<String> from) {
    return from.get(random.nextInt(from.size()));
  }
}
