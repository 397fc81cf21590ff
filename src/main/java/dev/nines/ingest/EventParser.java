package dev.nines.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nines.model.RequestEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming reader of request-event batches: a JSON array of event objects, or NDJSON (one
 * object per line). Each item is checked on its own, so one bad item rejects only itself.
 * Fields: {@code service} (required), {@code endpoint}, {@code status}, {@code durationMs},
 * {@code time} (ISO-8601 or epoch milliseconds, required), {@code processedTime}, {@code failed},
 * {@code layer}.
 */
public final class EventParser {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** A body that is not JSON at all; nothing of it was accepted. */
  public static final class MalformedBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedBodyException(String message) {
      super(message);
    }
  }

  private EventParser() {}

  /**
   * Reads every item of the body.
   *
   * @throws MalformedBodyException when the body is not a JSON array or JSON lines
   */
  public static ParsedEvents parse(InputStream body) throws IOException {
    List<RequestEvent> events = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<ItemError> errors = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken t = p.nextToken();
      boolean array = t == JsonToken.START_ARRAY;
      if (array) {
        t = p.nextToken();
      }
      int index = 0;
      while (t != null && t != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          errors.add(new ItemError(index, "is " + describe(t) + ". Expected an event object"));
          p.skipChildren();
        } else {
          if (readEvent(p, index, events, errors)) {
            positions.add(index);
          }
        }
        index++;
        t = p.nextToken();
      }
      if (array && t == null) {
        throw new MalformedBodyException("the JSON array is not closed");
      }
    } catch (JsonParseException e) {
      throw new MalformedBodyException("not JSON or JSON lines: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }
    return new ParsedEvents(events, positions, errors);
  }

  private static boolean readEvent(JsonParser p, int index, List<RequestEvent> out,
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
      JsonToken v = p.nextToken();
      try {
        switch (field) {
          case "service" -> service = text(p, v, field);
          case "endpoint" -> endpoint = text(p, v, field);
          case "status" -> status = (int) number(p, v, field, 0, 999);
          case "durationMs" -> duration = number(p, v, field, 0, Long.MAX_VALUE);
          case "time" -> time = instant(p, v, field);
          case "processedTime" -> processed = v == JsonToken.VALUE_NULL ? null : instant(p, v, field);
          case "failed" -> failed = bool(v, field);
          case "layer" -> layer = v == JsonToken.VALUE_NULL ? null : text(p, v, field);
          default -> {
            p.skipChildren();
            throw new IllegalArgumentException("." + field + ": unknown field. Expected service, "
                + "endpoint, status, durationMs, time, processedTime, failed, layer");
          }
        }
      } catch (IllegalArgumentException e) {
        p.skipChildren();
        if (problem == null) {
          problem = e.getMessage();
        }
      }
    }
    if (problem == null && (service == null || service.isEmpty())) {
      problem = ".service: is required";
    } else if (problem == null && time == null) {
      problem = ".time: is required. Expected an ISO-8601 instant or epoch milliseconds";
    } else if (problem == null && status == 0 && !failed) {
      problem = ".status: is required unless failed is true";
    }
    if (problem != null) {
      errors.add(new ItemError(index, problem));
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

  private static long number(JsonParser p, JsonToken v, String field, long min, long max)
      throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
      throw new IllegalArgumentException("." + field + ": is " + describe(v)
          + ". Expected a number");
    }
    long n = Math.round(p.getDoubleValue());
    if (n < min || n > max) {
      throw new IllegalArgumentException("." + field + ": " + p.getText() + " is out of range. "
          + "Expected " + min + " to " + max);
    }
    return n;
  }

  private static Instant instant(JsonParser p, JsonToken v, String field) throws IOException {
    if (v == JsonToken.VALUE_NUMBER_INT) {
      return Instant.ofEpochMilli(p.getLongValue());
    }
    if (v == JsonToken.VALUE_STRING) {
      try {
        return IsoInstants.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("." + field + ": '" + p.getText() + "' is not a time. "
            + "Expected an ISO-8601 instant such as 2026-10-01T10:00:00Z or epoch milliseconds");
      }
    }
    throw new IllegalArgumentException("." + field + ": is " + describe(v) + ". Expected an "
        + "ISO-8601 instant or epoch milliseconds");
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
