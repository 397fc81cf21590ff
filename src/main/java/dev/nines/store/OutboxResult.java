package dev.nines.store;

import java.time.Instant;

/**
 * The outcome of one send of a claimed outbox row.
 *
 * @param error why it failed, or null when the receiver took it
 * @param retryAt when to try again after a failure, or null to give up (the row is failed)
 */
public record OutboxResult(long id, String error, Instant retryAt) {
  /** The receiver took row {@code id}. */
  public static OutboxResult delivered(long id) {
    return new OutboxResult(id, null, null);
  }

  public boolean isDelivered() {
    return error == null;
  }
}
