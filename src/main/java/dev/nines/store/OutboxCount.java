package dev.nines.store;

/** How many outbox rows of one channel are in one status. */
public record OutboxCount(String channel, String status, long count) {}
