package dev.nines.store;

import java.time.Instant;

/**
 * A visitor subscribed by email to a client's status page: pending until the link with
 * {@code token} is opened (double opt-in), then confirmed until unsubscribed with the same
 * token.
 */
public record Subscriber(long id, String client, String email, String token, Instant createdAt,
    Instant confirmedAt, Instant unsubscribedAt) {

  /** Whether status mail goes to this address: confirmed and not unsubscribed. */
  public boolean active() {
    return confirmedAt != null && unsubscribedAt == null;
  }
}
