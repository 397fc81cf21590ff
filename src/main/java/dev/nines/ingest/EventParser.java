package dev.nines.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.nines.model.RequestEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming reader of request-event batches: one JSON array of event objects, or NDJSON (one
 * object per line), and nothing after it. Each item is checked on its own, so one bad item
 * rejects only itself; a body that is not JSON, nests too deep or has content after the array
 * is refused whole, with the item and field where reading stopped. The fields are
 * {@link #FIELDS}, documented by the {@code RequestEvent} schema of {@code openapi.json}.
 */
public final class EventParser {
  /** Every field an event may have, in the order of the documentation. */
  public static final List<String> FIELDS = List.of("service", "endpoint", "status",
      "durationMs", "time", "processedTime", "failed", "layer");
  /** Nesting below an item deeper than this refuses the body. */
  public static final int MAX_DEPTH = 1_000;
  /** The longest request an event may report: a day. */
  public static final long MAX_DURATION_MILLIS = 86_400_000L;

  // Numbers of any length are read as text and judged by us (a 2,000-digit status is out of
  // range for its item alone); Jackson's own depth limit sits above ours so that ours speaks.
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
          .maxNestingDepth(MAX_DEPTH + 10).build())
      .build();

  /** A body that cannot be read as a whole; nothing of it was accepted. */
  public static final class MalformedBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedBodyException(String message) {
      super(message);
    }
  }

  /** Where reading is: the item and field, for messages about a body that stops being JSON. */
  private static final class Cursor {
    int index;
    String field;

    String path() {
      return "[" + index + "]" + (field == null ? "" : "." + field);
    }
  }

  private EventParser() {}

  /**
   * Reads every item of the body.
   *
   * @throws MalformedBodyException when the body is not one JSON array or JSON lines
   */
  public static ParsedEvents parse(InputStream body) throws IOException {
    List<RequestEvent> events = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<ItemError> errors = new ArrayList<>();
    Cursor at = new Cursor();
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken t = p.nextToken();
      boolean array = t == JsonToken.START_ARRAY;
      if (array) {
        t = p.nextToken();
      }
      while (t != null && t != JsonToken.END_ARRAY) {
        at.field = null;
        if (t != JsonToken.START_OBJECT) {
          errors.add(new ItemError(at.index, "is " + describe(t) + ". Expected an event object"));
          skip(p, at);
        } else if (readEvent(p, at, events, errors)) {
          positions.add(at.index);
        }
        at.index++;
        t = p.nextToken();
      }
      if (array && t == null) {
        throw new MalformedBodyException("the JSON array is not closed");
      }
      if (array && p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new MalformedBodyException("line " + l.getLineNr() + ", column " + l.getColumnNr()
            + ": content after the JSON array. Expected one JSON array, or one event object per "
            + "line (NDJSON)");
      }
    } catch (JsonParseException e) {
      throw new MalformedBodyException("not JSON or JSON lines: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    } catch (StreamReadException e) {
      // A string or name over Jackson's length limits (a body larger than the default limit).
      throw new MalformedBodyException(at.path() + ": is too long. Expected an event object of "
          + "plain fields");
    }
    return new ParsedEvents(events, positions, errors);
  }

  /** Skips the value at the current token, refusing nesting deeper than {@link #MAX_DEPTH}. */
  private static void skip(JsonParser p, Cursor at) throws IOException {
    if (!p.currentToken().isStructStart()) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return;                           // the caller finds the body unfinished
      }
      if (t.isStructStart() && ++depth > MAX_DEPTH) {
        throw new MalformedBodyException(at.path() + ": nested deeper than " + MAX_DEPTH
            + " levels. Expected an event object of plain fields");
      }
      if (t.isStructEnd()) {
        depth--;
      }
    }
  }

  private static boolean readEvent(JsonParser p, Cursor at, List<RequestEvent> out,
      List<ItemError> errors) throws IOException {
    String service = null;
    String endpoint = "";
    int status = 0;
    long duration = 0;
    Instant time = null;
    Instant processed = null;
    boolean failed = false;
    String layer = null;
    String problem = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      at.field = field;
      JsonToken v = p.nextToken();
      try {
        switch (field) {
          case "service" -> service = text(p, v, field);
          case "endpoint" -> endpoint = text(p, v, field);
          case "status" -> status = (int) whole(p, v, field, 0, 999);
          case "durationMs" -> duration = millis(p, v, field);
          case "time" -> time = instant(p, v, field);
          case "processedTime" -> processed = v == JsonToken.VALUE_NULL ? null : instant(p, v, field);
          case "failed" -> failed = bool(v, field);
          case "layer" -> layer = v == JsonToken.VALUE_NULL ? null : text(p, v, field);
          default -> throw new IllegalArgumentException("." + field + ": unknown field. Expected "
              + String.join(", ", FIELDS));
        }
      } catch (IllegalArgumentException e) {
        if (problem == null) {
          problem = e.getMessage();
        }
      }
      skip(p, at);
    }
    if (problem == null && (service == null || service.isEmpty())) {
      problem = ".service: is required";
    } else if (problem == null && time == null) {
      problem = ".time: is required. Expected an ISO-8601 instant or epoch milliseconds";
    } else if (problem == null && status == 0 && !failed) {
      problem = ".status: is required unless failed is true";
    }
    if (problem != null) {
      errors.add(new ItemError(at.index, problem));
      return false;
    }
    out.add(new RequestEvent(service, endpoint, status, duration, time, processed, failed, layer));
    return true;
  }

  private static String text(JsonParser p, JsonToken v, String field) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException("." + field + ": is " + describe(v) + ". Expected text");
    }
    return p.getText();
  }

  /** A whole number in [min, max]; any other number is refused without converting it. */
  private static long whole(JsonParser p, JsonToken v, String field, long min, long max)
      throws IOException {
    String range = "Expected " + min + " to " + max;
    if (v == JsonToken.VALUE_NUMBER_FLOAT) {
      throw new IllegalArgumentException("." + field + ": " + shown(p) + " is not a whole "
          + "number. " + range);
    }
    if (v != JsonToken.VALUE_NUMBER_INT) {
      throw new IllegalArgumentException("." + field + ": is " + describe(v) + ". Expected a "
          + "number");
    }
    long n = p.getTextLength() > 18 ? Long.MAX_VALUE : p.getLongValue();
    if (n < min || n > max) {
      throw new IllegalArgumentException("." + field + ": " + shown(p) + " is out of range. "
          + range);
    }
    return n;
  }

  /** Milliseconds, possibly with a fraction (rounded), from 0 to a day. */
  private static long millis(JsonParser p, JsonToken v, String field) throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new IllegalArgumentException("." + field + ": is " + describe(v)
          + ". Expected a number");
    }
    double d = p.getTextLength() > 30 ? Double.POSITIVE_INFINITY : p.getDoubleValue();
    if (!(d >= 0 && d <= MAX_DURATION_MILLIS)) {
      throw new IllegalArgumentException("." + field + ": " + shown(p) + " is out of range. "
          + "Expected 0 to " + MAX_DURATION_MILLIS + " (a day)");
    }
    return Math.round(d);
  }

  private static Instant instant(JsonParser p, JsonToken v, String field) throws IOException {
    Instant t;
    if (v == JsonToken.VALUE_NUMBER_INT) {
      t = p.getTextLength() > 18 ? null : Instant.ofEpochMilli(p.getLongValue());
    } else if (v == JsonToken.VALUE_STRING) {
      try {
        t = IsoInstants.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("." + field + ": '" + shown(p) + "' is not a time. "
            + "Expected an ISO-8601 instant such as 2026-10-01T10:00:00Z or epoch milliseconds");
      }
    } else {
      throw new IllegalArgumentException("." + field + ": is " + describe(v) + ". Expected an "
          + "ISO-8601 instant or epoch milliseconds");
    }
    if (t == null || !TimeWindow.plausible(t)) {
      throw new IllegalArgumentException("." + field + ": " + TimeWindow.outside(shown(p)));
    }
    return t;
  }

  /** The current value as written, cut after 20 characters. */
  private static String shown(JsonParser p) throws IOException {
    int n = p.getTextLength();
    if (n <= 40) {
      return p.getText();
    }
    String digits = p.currentToken().isNumeric() ? " digits" : " characters";
    return new String(p.getTextCharacters(), p.getTextOffset(), 20) + "... (" + n + digits + ")";
  }

  private static boolean bool(JsonToken v, String field) {
    if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
      return v == JsonToken.VALUE_TRUE;
    }
    throw new IllegalArgumentException("." + field + ": is " + describe(v) + ". Expected true "
        + "or false");
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "text";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : t.asString();
    };
  }
}
