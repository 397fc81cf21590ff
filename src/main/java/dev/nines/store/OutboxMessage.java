package dev.nines.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the outbox: a notification for one channel, with its delivery state.
 *
 * @param id the row id, 0 before it is stored
 * @param key the notification's deduplication key; one row per (key, channel)
 * @param kind {@code alert}, {@code client_notice}, {@code report} or {@code test}
 * @param client the client the notification concerns, or null
 * @param payload the notification as JSON; null in listings, which leave it out
 * @param status {@link #PENDING}, {@link #DELIVERED} or {@link #FAILED}
 * @param attempts sends tried so far
 * @param lastError why the last try failed, or null
 * @param nextAttemptAt when a pending row is tried next
 * @param deliveredAt when the receiver took it, or null
 */
public record OutboxMessage(long id, String key, String channel, String kind, String client,
    String title, String payload, String status, int attempts, String lastError,
    Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
  public static final String PENDING = "pending";
  public static final String DELIVERED = "delivered";
  public static final String FAILED = "failed";
  /** The statuses, in the order pages list them. */
  public static final Set<String> STATUSES = Set.of(PENDING, DELIVERED, FAILED);

  public OutboxMessage {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("status: '" + status + "' is not an outbox status. "
          + "Expected pending, delivered or failed");
    }
  }

  /** A new row to send as soon as a sender is free. */
  public static OutboxMessage pending(String key, String channel, String kind, String client,
      String title, String payload, Instant createdAt) {
    return new OutboxMessage(0, key, channel, kind, client, title, payload, PENDING, 0, null,
        createdAt, createdAt, null);
  }
}
