package dev.nines.probe;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSONPath subset mapped onto Jackson's {@link JsonPointer}: {@code $} followed by member
 * steps {@code .name} or {@code ['name']} and array indexes {@code [0]}, e.g.
 * {@code $.orders[0].id} is {@code /orders/0/id}. Wildcards, slices, filters, recursive descent
 * and negative indexes are not supported.
 */
record JsonPath(String text, JsonPointer pointer) {
  private static final Pattern STEP =
      Pattern.compile("\\.([A-Za-z0-9_$@-]+)|\\['([^']*)']|\\[(\\d+)]");

  /**
   * Compiles a path.
   *
   * @throws IllegalArgumentException naming the path and the supported subset
   */
  static JsonPath compile(String text) {
    if (text == null || !text.startsWith("$")) {
      throw unsupported(text);
    }
    StringBuilder pointer = new StringBuilder();
    Matcher m = STEP.matcher(text);
    int at = 1;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        throw unsupported(text);
      }
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      pointer.append('/').append(name != null ? escape(name) : m.group(3));
      at = m.end();
    }
    return new JsonPath(text, JsonPointer.compile(pointer.toString()));
  }

  /** The value at this path, or null when it is missing (a JSON null is returned as is). */
  JsonNode find(JsonNode root) {
    JsonNode node = root.at(pointer);
    return node.isMissingNode() ? null : node;
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static IllegalArgumentException unsupported(String text) {
    return new IllegalArgumentException("'" + text + "' is not a supported JSON path. Expected $ "
        + "followed by .name, ['name'] or [index] steps, e.g. $.orders[0].id");
  }
}
