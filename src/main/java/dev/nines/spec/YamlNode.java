package dev.nines.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers where every key and value was written, so that
 * every spec problem can name its file, line and column.
 */
public sealed interface YamlNode {

  /** Where the node starts. */
  Location location();

  /** A short word for the node's shape, for messages: mapping, list, text or null. */
  String shape();

  /** A mapping with keys in file order; {@code keys} holds where each key was written. */
  record MapNode(Location location, Map<String, YamlNode> entries, Map<String, Location> keys)
      implements YamlNode {
    public MapNode {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    public YamlNode get(String key) {
      return entries.get(key);
    }

    @Override public String shape() {
      return "a mapping";
    }
  }

  /** A sequence. */
  record ListNode(Location location, List<YamlNode> items) implements YamlNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override public String shape() {
      return "a list";
    }
  }

  /**
   * A scalar: its text as written ({@code null} for YAML null / {@code ~} / empty) and what
   * YAML resolved it to (a quoted {@code "99.9"} is a string, a plain {@code 99.9} a number).
   */
  record Scalar(Location location, String text, Kind kind) implements YamlNode {
    /** What YAML resolved a scalar to. */
    public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    public boolean isNull() {
      return kind == Kind.NULL;
    }

    @Override public String shape() {
      return text == null ? "null" : "a scalar";
    }
  }
}
