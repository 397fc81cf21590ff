package dev.nines.web;

import dev.nines.ingest.EventParser;
import dev.nines.ingest.EventRouter;
import dev.nines.ingest.IngestWriter;
import dev.nines.ingest.ItemError;
import dev.nines.ingest.ParsedEvents;
import dev.nines.store.IngestBatch;
import dev.nines.store.StoreUnavailableException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code POST /api/v1/events}: a batch of request events as a JSON array or NDJSON. Answers
 * 202 once the events it kept are durable, listing the invalid items it rejected (if any);
 * 400 when it kept nothing (every item invalid, or the body malformed); 413 over the size
 * limit; 422 when the {@code Idempotency-Key} was used before with a different body; 429 with
 * Retry-After when the writer is saturated; 503 when the store is unavailable (nothing
 * kept). An {@code Idempotency-Key} makes a retried batch count once; only a batch that kept
 * events consumes its key.
 */
public final class EventsHandler {
  /** At most this many item errors are listed in an answer. */
  static final int MAX_LISTED_ERRORS = 100;
  private static final long COMMIT_TIMEOUT_SECONDS = 30;

  private final ApiTokens tokens;
  private final Supplier<EventRouter> router;
  private final IngestWriter writer;
  private final long maxBodyBytes;
  private final Clock clock;
  private final dev.nines.web.metrics.RequestMetrics metrics;

  public EventsHandler(ApiTokens tokens, Supplier<EventRouter> router, IngestWriter writer,
      long maxBodyBytes, Clock clock) {
    this(tokens, router, writer, maxBodyBytes, clock, null);
  }

  /** A handler that also counts acknowledged events into {@code metrics}. */
  public EventsHandler(ApiTokens tokens, Supplier<EventRouter> router, IngestWriter writer,
      long maxBodyBytes, Clock clock, dev.nines.web.metrics.RequestMetrics metrics) {
    this.metrics = metrics;
    this.tokens = tokens;
    this.router = router;
    this.writer = writer;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  public void handle(Context ctx) throws IOException {
    tokens.require(ctx, ApiTokens.EVENTS_WRITE);
    long length = ctx.req().getContentLengthLong();
    if (length > maxBodyBytes) {
      throw new ApiError(413, "body of " + length + " bytes is over the limit of " + maxBodyBytes
          + " bytes. Expected smaller batches");
    }
    String key = ctx.header("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw new ApiError(400, "Idempotency-Key must be 1 to 200 characters");
    }
    ParsedEvents parsed;
    String fingerprint = null;
    try (BodyFingerprint body = new BodyFingerprint(
        new LimitedInputStream(ctx.bodyInputStream(), maxBodyBytes), key != null)) {
      parsed = EventParser.parse(body.stream());
      fingerprint = body.finish();
    } catch (LimitedInputStream.TooLargeException e) {
      throw new ApiError(413, "body is over the limit of " + maxBodyBytes + " bytes. Expected "
          + "smaller batches");
    } catch (EventParser.MalformedBodyException e) {
      throw new ApiError(400, e.getMessage());
    }
    EventRouter.Routed routed = router.get().route(parsed, key, clock.instant());
    List<ItemError> errors = new ArrayList<>(parsed.errors());
    errors.addAll(routed.errors());
    errors.sort(java.util.Comparator.comparingInt(ItemError::index));
    IngestBatch batch = routed.batch().withFingerprint(fingerprint);
    // A batch that keeps nothing is not written: its key stays free for the corrected resend.
    IngestWriter.Outcome outcome = batch.events() == 0 ? null : commit(batch);
    if (outcome == IngestWriter.Outcome.CONFLICT) {
      throw new ApiError(422, "Idempotency-Key: '" + key + "' was used before for a different "
          + "body. Expected the same body to retry a batch, or a new key for a new batch");
    }
    boolean stored = outcome == IngestWriter.Outcome.STORED;
    if (stored && metrics != null) {
      metrics.record(routed.counted());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", stored ? batch.events() : 0);
    answer.put("rejected", errors.size());
    if (outcome == IngestWriter.Outcome.DUPLICATE) {
      answer.put("duplicate", true);
    }
    if (!errors.isEmpty()) {
      answer.put("errors", errors.stream().limit(MAX_LISTED_ERRORS).map(ItemError::toString).toList());
    }
    Json.send(ctx, outcome == null && !errors.isEmpty() ? 400 : 202, answer);
  }

  private IngestWriter.Outcome commit(IngestBatch batch) {
    CompletableFuture<IngestWriter.Outcome> done;
    try {
      done = writer.write(batch);
    } catch (IngestWriter.SaturatedException e) {
      throw new ApiError(429, "ingestion is saturated (" + e.getMessage() + "). Retry later", 1);
    }
    try {
      return done.get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreUnavailableException) {
        // the ingest writer has logged why
        throw new ApiError(503, "the store is unavailable; nothing of this batch was kept. "
            + "Retry later", 5);
      }
      throw new IllegalStateException("ingest commit failed", e.getCause());
    } catch (TimeoutException e) {
      throw new ApiError(503, "the store did not confirm the batch in time; retry with the same "
          + "Idempotency-Key", 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "interrupted", 5);
    }
  }
}
