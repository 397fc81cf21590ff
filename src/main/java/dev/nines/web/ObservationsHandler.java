package dev.nines.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.ingest.TimeWindow;
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

/**
 * {@code POST /api/v1/observations}: external state feeds. A JSON array (or one object) of
 * {@code {subject, time, state, region, message}} where subject is a monitor of
 * {@code kind: external}, region one of its sources (optional when it has one) and state OK,
 * UNKNOWN or ERROR, at a time in the {@link TimeWindow}. Answers 202 once stored; 400 with
 * per-item messages naming item and field when any item is invalid (then nothing is stored, so
 * a corrected resend is clean). Stored observations are the monitor's states: its page, its
 * uptime SLOs and {@code /metrics} read them.
 */
public final class ObservationsHandler {
  private final ApiTokens tokens;
  private final Store store;
  private final java.util.function.Supplier<Map<String, List<String>>> external;
  private final java.util.function.Consumer<List<StoredObservation>> accepted;
  private final long maxBodyBytes;
  private final java.time.Clock clock;

  /**
   * @param external each external monitor of the spec in force with its sources (regions)
   * @param accepted told of every stored batch
   */
  public ObservationsHandler(ApiTokens tokens, Store store,
      java.util.function.Supplier<Map<String, List<String>>> external,
      java.util.function.Consumer<List<StoredObservation>> accepted, long maxBodyBytes,
      java.time.Clock clock) {
    this.tokens = tokens;
    this.store = store;
    this.external = external;
    this.accepted = accepted;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  public void handle(Context ctx) throws IOException {
    tokens.require(ctx, ApiTokens.OBSERVATIONS_WRITE);
    JsonNode body;
    try (InputStream in = new LimitedInputStream(ctx.bodyInputStream(), maxBodyBytes)) {
      body = JsonBody.read(in);
    } catch (LimitedInputStream.TooLargeException e) {
      throw new ApiError(413, "body is over the limit of " + maxBodyBytes + " bytes");
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
    Map<String, List<String>> known = external.get();
    Instant now = clock.instant();
    for (int i = 0; i < items.size(); i++) {
      try {
        ok.add(observation(JsonBody.Fields.of(items.get(i), "[" + i + "]", "an object "
            + "{subject, time, state}"), known, now));
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
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
      throw ApiError.storeUnavailable("the store is unavailable; nothing was kept. Retry later", e);
    }
    accepted.accept(ok);
    answer.put("accepted", ok.size());
    answer.put("rejected", 0);
    Json.send(ctx, 202, answer);
  }

  /** The fields an observation may have, as {@code openapi.json} documents them. */
  static final List<String> FIELDS = List.of("subject", "time", "state", "region", "message");

  private static StoredObservation observation(JsonBody.Fields n,
      Map<String, List<String>> known, Instant now) {
    n.allowOnly(FIELDS);
    String subject = n.text("subject", true);
    List<String> sources = known.get(subject);
    if (sources == null) {
      throw new IllegalArgumentException(n.at("subject") + ": '" + subject + "' is not an "
          + "external monitor. Expected the name of a monitor of kind: external"
          + (known.isEmpty() ? " (the spec has none)" : ", one of "
              + String.join(", ", new java.util.TreeSet<>(known.keySet()))));
    }
    String timeText = n.text("time", true);
    Instant time;
    try {
      time = Instant.parse(timeText);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(n.at("time") + ": '" + timeText + "' is not an "
          + "ISO-8601 instant. Expected e.g. 2026-10-01T10:00:00Z");
    }
    if (!TimeWindow.plausible(time) || !TimeWindow.contains(time, now)) {
      throw new IllegalArgumentException(n.at("time") + ": " + TimeWindow.outside(timeText));
    }
    State state;
    try {
      state = State.parse(n.text("state", true));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(n.at("state") + ": " + e.getMessage());
    }
    String region = n.text("region", false);
    if (region == null && sources.size() == 1) {
      region = sources.get(0);
    } else if (region == null || !sources.contains(region)) {
      throw new IllegalArgumentException(n.at("region") + ": " + (region == null
          ? "is required" : "'" + region + "' is not a source of " + subject)
          + ". Expected one of " + String.join(", ", sources));
    }
    return new StoredObservation(subject, region, time, state, n.text("message", false), "api");
  }
}
