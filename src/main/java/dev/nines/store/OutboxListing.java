package dev.nines.store;

import java.util.List;

/** One page of outbox rows (without payloads), newest first, and how many match in all. */
public record OutboxListing(List<OutboxMessage> messages, int total) {
  public OutboxListing {
    messages = List.copyOf(messages);
  }
}
