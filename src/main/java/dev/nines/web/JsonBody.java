package dev.nines.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A request body read as one JSON value, and nothing after it, with the house messages: a
 * body that is not JSON, nests too deep or has content after its value is an {@link ApiError}
 * 400 that names where, never a Jackson class.
 */
final class JsonBody {
  private JsonBody() {}

  /**
   * Reads the whole body.
   *
   * @throws LimitedInputStream.TooLargeException when the stream's limit is passed
   * @throws ApiError 400 when it is not exactly one JSON value
   */
  static JsonNode read(InputStream in) throws IOException {
    try (JsonParser p = Json.MAPPER.createParser(in)) {
      JsonNode node = Json.MAPPER.readTree(p);
      if (node == null || node.isMissingNode()) {
        throw new ApiError(400, "body: is empty. Expected JSON");
      }
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new ApiError(400, "line " + l.getLineNr() + ", column " + l.getColumnNr()
            + ": content after the JSON value. Expected one JSON value");
      }
      return node;
    } catch (StreamConstraintsException e) {
      throw new ApiError(400, "body: " + (e.getMessage().contains("nesting")
          ? "nested deeper than 1000 levels" : "has a number or text too long to read")
          + ". Expected plain objects of the documented fields");
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new ApiError(400, "not JSON: " + e.getOriginalMessage()
          + (l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr()));
    }
  }

  /**
   * The fields of a JSON object being read, with messages {@code PATH.FIELD: problem. Expected
   * rule} thrown as IllegalArgumentException.
   */
  record Fields(JsonNode node, String path) {
    /** Reads {@code node} as an object, or says what it is instead. */
    static Fields of(JsonNode node, String path, String expected) {
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(path + ": is " + shape(node) + ". Expected "
            + expected);
      }
      return new Fields(node, path);
    }

    /** Refuses any field not in {@code allowed}. */
    void allowOnly(List<String> allowed) {
      node.fieldNames().forEachRemaining(f -> {
        if (!allowed.contains(f)) {
          throw new IllegalArgumentException(at(f) + ": unknown field. Expected "
              + String.join(", ", allowed));
        }
      });
    }

    String at(String field) {
      return path.isEmpty() ? field : path + "." + field;
    }

    JsonNode value(String field) {
      JsonNode v = node.get(field);
      return v == null || v.isNull() ? null : v;
    }

    String text(String field, boolean required) {
      JsonNode v = value(field);
      if (v == null) {
        if (required) {
          throw new IllegalArgumentException(at(field) + ": is required");
        }
        return null;
      }
      if (!v.isTextual()) {
        throw new IllegalArgumentException(at(field) + ": is " + shape(v) + ". Expected text");
      }
      return v.asText();
    }

    /** A whole number of milliseconds since the epoch, required. */
    long epochMillis(String field) {
      JsonNode v = value(field);
      if (v == null) {
        throw new IllegalArgumentException(at(field) + ": is required. Expected epoch "
            + "milliseconds");
      }
      if (!v.isIntegralNumber()) {
        throw new IllegalArgumentException(at(field) + ": is " + shape(v) + ". Expected epoch "
            + "milliseconds");
      }
      return v.canConvertToLong() ? v.asLong() : Long.MAX_VALUE;
    }

    Integer integer(String field) {
      JsonNode v = value(field);
      if (v == null) {
        return null;
      }
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw new IllegalArgumentException(at(field) + ": is " + shape(v) + ". Expected a whole "
            + "number");
      }
      return v.asInt();
    }

    Double number(String field) {
      JsonNode v = value(field);
      if (v == null) {
        return null;
      }
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        throw new IllegalArgumentException(at(field) + ": is " + shape(v) + ". Expected a "
            + "finite number");
      }
      return v.asDouble();
    }

    boolean bool(String field) {
      JsonNode v = value(field);
      if (v == null) {
        throw new IllegalArgumentException(at(field) + ": is required. Expected true or false");
      }
      if (!v.isBoolean()) {
        throw new IllegalArgumentException(at(field) + ": is " + shape(v) + ". Expected true "
            + "or false");
      }
      return v.asBoolean();
    }

    /** The items of a list; absent or null is empty. */
    List<JsonNode> list(String field) {
      JsonNode v = value(field);
      if (v == null) {
        return List.of();
      }
      if (!v.isArray()) {
        throw new IllegalArgumentException(at(field) + ": is " + shape(v) + ". Expected a list");
      }
      List<JsonNode> out = new java.util.ArrayList<>();
      v.forEach(out::add);
      return out;
    }
  }

  /** A short word for a JSON value's shape, for messages. */
  static String shape(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "null";
    }
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isTextual()) {
      return "text";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return n.isNumber() ? "a number" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
