package dev.nines.store;

import java.time.Instant;
import java.util.Set;

/**
 * An API token as stored: only the SHA-256 hash of the secret, and its scopes.
 *
 * @param lastUsed when a request last carried it, or null when never
 */
public record ApiToken(String name, String hash, Set<String> scopes, Instant createdAt,
    Instant lastUsed) {
  public ApiToken {
    scopes = Set.copyOf(scopes);
  }

  /** A token never used yet. */
  public ApiToken(String name, String hash, Set<String> scopes, Instant createdAt) {
    this(name, hash, scopes, createdAt, null);
  }
}
