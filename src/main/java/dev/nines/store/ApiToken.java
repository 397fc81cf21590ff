package dev.nines.store;

import java.time.Instant;
import java.util.Set;

/** An API token as stored: only the SHA-256 hash of the secret, and its scopes. */
public record ApiToken(String name, String hash, Set<String> scopes, Instant createdAt) {
  public ApiToken {
    scopes = Set.copyOf(scopes);
  }
}
