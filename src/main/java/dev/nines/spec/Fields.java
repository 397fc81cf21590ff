package dev.nines.spec;

import dev.nines.model.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A located YAML mapping being read into the model. Every accessor reports a wrong shape or
 * an unparseable value as a problem at the value's location and returns null, so reading goes
 * on and one pass finds every problem.
 */
public final class Fields {
  private final YamlNode.MapNode node;
  private final String path;
  private final Problems problems;

  public Fields(YamlNode.MapNode node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** Reads {@code node} as a mapping, or reports it and returns null. */
  public static Fields of(YamlNode node, String path, Problems problems) {
    if (node instanceof YamlNode.MapNode m) {
      return new Fields(m, path, problems);
    }
    problems.error(node.location(), path, "is " + node.shape() + ". Expected a mapping");
    return null;
  }

  public String path() {
    return path;
  }

  public Location location() {
    return node.location();
  }

  public Problems problems() {
    return problems;
  }

  public boolean has(String key) {
    YamlNode v = node.get(key);
    return v != null && !(v instanceof YamlNode.Scalar s && s.isNull());
  }

  /** The raw node of a key, or null. */
  public YamlNode raw(String key) {
    return node.get(key);
  }

  /** The path of a key below this mapping. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Where the value of {@code key} was written, or where this mapping starts if it is absent. */
  public Location at(String key) {
    YamlNode v = node.get(key);
    return v != null ? v.location() : node.location();
  }

  /** Reports a problem with the value of {@code key}. */
  public void error(String key, String message) {
    problems.error(at(key), pathOf(key), message);
  }

  /** Reports a problem with {@code key} itself, at the key. */
  public void keyError(String key, String message) {
    problems.error(node.keys().getOrDefault(key, node.location()), pathOf(key), message);
  }

  /** Reports a warning about the value of {@code key}. */
  public void warning(String key, String message) {
    problems.warning(at(key), pathOf(key), message);
  }

  /** Reports every key not in {@code allowed}, suggesting the closest allowed key. */
  public void allowOnly(String... allowed) {
    Set<String> ok = new TreeSet<>(Arrays.asList(allowed));
    for (Map.Entry<String, Location> k : node.keys().entrySet()) {
      if (!ok.contains(k.getKey())) {
        String near = closest(k.getKey(), ok);
        problems.error(k.getValue(), pathOf(k.getKey()), "unknown field."
            + (near != null ? " Did you mean '" + near + "'?" : "")
            + " Expected one of " + String.join(", ", ok));
      }
    }
  }

  /** The text of a scalar, or null when absent. */
  public String string(String key) {
    YamlNode v = node.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof YamlNode.Scalar s) {
      return s.text();
    }
    error(key, "is " + v.shape() + ". Expected text");
    return null;
  }

  /** The text of a scalar, reporting it as missing when absent. */
  public String requireString(String key) {
    String s = string(key);
    if (s == null && !(node.get(key) instanceof YamlNode.MapNode)
        && !(node.get(key) instanceof YamlNode.ListNode)) {
      problems.error(node.location(), pathOf(key), "is required");
    }
    return s;
  }

  /** A scalar parsed by {@code parse}; its IllegalArgumentException becomes a problem. */
  public <T> T parsed(String key, Function<String, T> parse, boolean required) {
    String s = required ? requireString(key) : string(key);
    if (s == null) {
      return null;
    }
    try {
      return parse.apply(s);
    } catch (RuntimeException e) {
      error(key, e.getMessage());
      return null;
    }
  }

  public Duration duration(String key, boolean required) {
    return parsed(key, Durations::parse, required);
  }

  /**
   * A duration in [{@code min}, {@code max}], or null (reported, as any value outside it,
   * however long: {@code '99999999999d' is out of range. Expected 1s to 1d}).
   */
  public Duration duration(String key, boolean required, Duration min, Duration max) {
    return parsed(key, s -> {
      Duration d;
      try {
        d = Durations.parse(s);
      } catch (Durations.TooLongException e) {
        d = null;
      }
      if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException("'" + s.strip() + "' is out of range. Expected "
            + Durations.format(min) + " to " + Durations.format(max));
      }
      return d;
    }, required);
  }

  public BigDecimal decimal(String key, boolean required) {
    return parsed(key, s -> {
      try {
        return new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + s + "' is not a number");
      }
    }, required);
  }

  /** An integer, or {@code fallback} when absent. */
  public int integer(String key, int fallback) {
    return integer(key, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /**
   * An integer in [{@code min}, {@code max}], or {@code fallback} when absent or wrong
   * (reported: {@code 2147483648 is out of range. Expected 0 to 10}).
   */
  public int integer(String key, int fallback, int min, int max) {
    Integer v = parsed(key, s -> {
      java.math.BigInteger n;
      try {
        n = new java.math.BigInteger(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + s + "' is not a whole number. Expected "
            + min + " to " + max);
      }
      if (n.compareTo(java.math.BigInteger.valueOf(min)) < 0
          || n.compareTo(java.math.BigInteger.valueOf(max)) > 0) {
        throw new IllegalArgumentException(s.strip() + " is out of range. Expected " + min
            + " to " + max);
      }
      return n.intValue();
    }, false);
    return v == null ? fallback : v;
  }

  /** A boolean, or {@code fallback} when absent. */
  public boolean bool(String key, boolean fallback) {
    Boolean v = parsed(key, s -> switch (s.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
    }, false);
    return v == null ? fallback : v;
  }

  /** A nested mapping, or null when absent (reported when of another shape). */
  public Fields map(String key) {
    YamlNode v = node.get(key);
    if (v == null || v instanceof YamlNode.Scalar s && s.isNull()) {
      return null;
    }
    return of(v, pathOf(key), problems);
  }

  /** The mappings of a list (an absent key is an empty list). */
  public List<Fields> maps(String key) {
    List<Fields> out = new ArrayList<>();
    List<YamlNode> items = items(key);
    for (int i = 0; i < items.size(); i++) {
      Fields f = of(items.get(i), pathOf(key) + "[" + i + "]", problems);
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }

  /** The texts of a list of scalars (a single scalar is a list of one). */
  public List<String> strings(String key) {
    YamlNode v = node.get(key);
    if (v instanceof YamlNode.Scalar s && !s.isNull()) {
      return List.of(s.text());
    }
    List<String> out = new ArrayList<>();
    List<YamlNode> items = items(key);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof YamlNode.Scalar s && !s.isNull()) {
        out.add(s.text());
      } else {
        problems.error(items.get(i).location(), pathOf(key) + "[" + i + "]",
            "is " + items.get(i).shape() + ". Expected text");
      }
    }
    return out;
  }

  /** A mapping of text to text (an absent key is an empty map). */
  public Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    Fields f = map(key);
    if (f == null) {
      return out;
    }
    for (String k : f.node.entries().keySet()) {
      String s = f.string(k);
      if (s != null) {
        out.put(k, s);
      }
    }
    return out;
  }

  private List<YamlNode> items(String key) {
    YamlNode v = node.get(key);
    if (v == null || v instanceof YamlNode.Scalar s && s.isNull()) {
      return List.of();
    }
    if (v instanceof YamlNode.ListNode l) {
      return l.items();
    }
    error(key, "is " + v.shape() + ". Expected a list");
    return List.of();
  }

  /** The allowed word closest to {@code word} by edit distance, if close enough to be a typo. */
  static String closest(String word, Set<String> allowed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String a : allowed) {
      int d = editDistance(word.toLowerCase(), a.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = a;
      }
    }
    return bestDistance <= Math.max(1, word.length() / 3) ? best : null;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
