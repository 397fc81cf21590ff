package dev.nines.spec;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks of names in a spec: their form, and that each is declared once in its section. */
final class Names {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");
  private final Map<String, Integer> firstLine = new HashMap<>();
  private final String kind;

  Names(String kind) {
    this.kind = kind;
  }

  /** Reads and checks the {@code name} field; returns it even when it is malformed. */
  String declare(Fields f) {
    String name = f.requireString("name");
    if (name == null) {
      return null;
    }
    if (!NAME.matcher(name).matches()) {
      f.error("name", "'" + name + "' is not a valid name. Expected lower-case letters, digits "
          + "and dashes, starting and ending with a letter or digit, at most 64 characters");
    }
    Integer earlier = firstLine.putIfAbsent(name, f.at("name").line());
    if (earlier != null) {
      f.error("name", "duplicate " + kind + " '" + name + "'. First declared at line " + earlier);
    }
    return name;
  }

  boolean contains(String name) {
    return firstLine.containsKey(name);
  }
}
