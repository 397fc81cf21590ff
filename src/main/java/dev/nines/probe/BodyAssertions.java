package dev.nines.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.model.Assertion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Judge of body assertions: {@code contains} a substring, a {@code regex} found anywhere in the
 * body, or a {@link JsonPath} whose value equals the expected text (scalars compared by their
 * text, {@code 42} equals "42"; objects and arrays by their compact JSON) or, without an
 * expected value, is present and not null.
 */
final class BodyAssertions {
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private BodyAssertions() {}

  /** Every failed assertion's message, in spec order; empty when all pass. */
  static List<String> failures(List<Assertion> assertions, BodyText body) {
    List<String> failures = new ArrayList<>();
    for (Assertion a : assertions) {
      String failure = failure(a, body);
      if (failure != null) {
        failures.add(failure);
      }
    }
    return failures;
  }

  /** The failure message of one assertion, or null when it passes. */
  static String failure(Assertion a, BodyText body) {
    return switch (a.type()) {
      case CONTAINS -> body.text().contains(a.expected()) ? null
          : "body: does not contain '" + a.expected() + "'. Expected a body that contains it";
      case REGEX -> regex(a.expected(), body);
      case JSON_PATH -> jsonPath(a.path(), a.expected(), body);
    };
  }

  private static String regex(String regex, BodyText body) {
    Pattern p;
    try {
      p = PATTERNS.computeIfAbsent(regex, Pattern::compile);
    } catch (PatternSyntaxException e) {
      return "regex '" + regex + "': " + e.getDescription() + ". Expected a Java regular expression";
    }
    return p.matcher(body.text()).find() ? null
        : "body: no match for /" + regex + "/. Expected a body that matches it";
  }

  private static String jsonPath(String path, String expected, BodyText body) {
    JsonPath jsonPath;
    try {
      jsonPath = JsonPath.compile(path);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    JsonNode root = body.json();
    if (root == null) {
      return "body: not JSON (" + body.jsonError() + "). Expected a JSON document for " + path;
    }
    JsonNode node = jsonPath.find(root);
    if (node == null) {
      return path + ": missing. Expected " + (expected == null ? "a value" : "'" + expected + "'");
    }
    if (expected == null) {
      return node.isNull() ? path + ": is null. Expected a value" : null;
    }
    String actual = text(node);
    return actual.equals(expected) ? null
        : path + ": is '" + actual + "'. Expected '" + expected + "'";
  }

  /** The text of a value: scalars as their text, objects and arrays as compact JSON. */
  static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
