package dev.nines.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.store.Store;
import dev.nines.store.StoreUnavailableException;
import dev.nines.store.StoredObservation;
import dev.nines.uptime.State;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/observations}: external state feeds. A JSON array (or one object) of
 * {@code {subject, time, state, region, message}} where subject is a service or monitor of
 * the spec and state is OK, UNKNOWN or ERROR. Answers 202 once stored; 400 with per-item
 * messages when any item is invalid (then nothing is stored, so a corrected resend is clean).
 */
public final class ObservationsHandler {
  private final ApiTokens tokens;
  private final Store store;
  private final java.util.function.Supplier<Set<String>> subjects;
  private final long maxBodyBytes;

  public ObservationsHandler(ApiTokens tokens, Store store,
      java.util.function.Supplier<Set<String>> subjects, long maxBodyBytes) {
    this.tokens = tokens;
    this.store = store;
    this.subjects = subjects;
    this.maxBodyBytes = maxBodyBytes;
  }

  public void handle(Context ctx) throws IOException {
    tokens.require(ctx, ApiTokens.OBSERVATIONS_WRITE);
    JsonNode body;
    try (InputStream in = new LimitedInputStream(ctx.bodyInputStream(), maxBodyBytes)) {
      body = Json.MAPPER.readTree(in);
    } catch (LimitedInputStream.TooLargeException e) {
      throw new ApiError(413, "body is over the limit of " + maxBodyBytes + " bytes");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ApiError(400, "not JSON: " + e.getOriginalMessage());
    }
    List<JsonNode> items = new ArrayList<>();
    if (body != null && body.isArray()) {
      body.forEach(items::add);
    } else if (body != null && body.isObject()) {
      items.add(body);
    } else {
      throw new ApiError(400, "expected an observation object or an array of them");
    }
    List<StoredObservation> ok = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Set<String> known = subjects.get();
    for (int i = 0; i < items.size(); i++) {
      try {
        ok.add(observation(items.get(i), known));
      } catch (IllegalArgumentException e) {
        errors.add("[" + i + "]." + e.getMessage());
      }
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    if (!errors.isEmpty()) {
      answer.put("accepted", 0);
      answer.put("rejected", errors.size());
      answer.put("errors", errors.stream().limit(EventsHandler.MAX_LISTED_ERRORS).toList());
      Json.send(ctx, 400, answer);
      return;
    }
    try {
      store.appendObservations(ok);
    } catch (StoreUnavailableException e) {
      throw new ApiError(503, "the store is unavailable; nothing was kept. Retry later", 5);
    }
    answer.put("accepted", ok.size());
    answer.put("rejected", 0);
    Json.send(ctx, 202, answer);
  }

  private static StoredObservation observation(JsonNode n, Set<String> known) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(" is not an object. Expected {subject, time, state}");
    }
    String subject = text(n, "subject", true);
    if (!known.contains(subject)) {
      throw new IllegalArgumentException("subject: unknown subject '" + subject + "'. Expected "
          + "a service or monitor of the spec");
    }
    String timeText = text(n, "time", true);
    Instant time;
    try {
      time = Instant.parse(timeText);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time: '" + timeText + "' is not an ISO-8601 instant");
    }
    State state = State.parse(text(n, "state", true));
    String region = text(n, "region", false);
    return new StoredObservation(subject, region == null ? "external" : region, time, state,
        text(n, "message", false), "api");
  }

  private static String text(JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException(field + ": is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + ": is not text");
    }
    return v.asText();
  }
}
