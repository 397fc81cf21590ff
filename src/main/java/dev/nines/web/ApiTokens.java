package dev.nines.web;

import dev.nines.store.ApiToken;
import dev.nines.store.Store;
import dev.nines.store.StoreUnavailableException;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens for agents and event producers: secrets are random, shown once, and stored only
 * as SHA-256 hashes with their scopes. A check is good for {@link #FRESH}, so a token revoked
 * in the store ({@code nines token revoke}) stops working within seconds; while the store is
 * unavailable an earlier check stands for up to {@link #STALE}, so an outage does not turn
 * every request into 401. An unknown token is always 401.
 */
public final class ApiTokens {
  /** Scopes a token may hold. */
  public static final String EVENTS_WRITE = "events:write";
  public static final String OBSERVATIONS_WRITE = "observations:write";
  public static final String READ = "read";
  /** Every scope a token may be given. */
  public static final java.util.List<String> SCOPES = java.util.List.of(READ, EVENTS_WRITE,
      OBSERVATIONS_WRITE, "agent", "operate", "admin");

  /** A token checked this recently is not checked again. */
  public static final Duration FRESH = Duration.ofSeconds(5);
  /** While the store cannot tell, a token checked this recently still passes. */
  public static final Duration STALE = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Cached(ApiToken token, Instant checkedAt) {}

  private final Store store;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public ApiTokens(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A new random secret, {@code nines_} and 43 URL-safe characters. */
  public static String newSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "nines_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The stored form of a secret. */
  public static String hash(String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks the request's bearer token for {@code scope}.
   *
   * @throws ApiError 401 without a valid token, 403 without the scope, 503 when the store
   *     cannot tell
   */
  public ApiToken require(Context ctx, String scope) {
    return check(ctx.header("Authorization"), scope);
  }

  /**
   * Checks an {@code Authorization} header value for {@code scope}.
   *
   * @throws ApiError 401 without a valid token, 403 without the scope, 503 when the store
   *     cannot tell
   */
  public ApiToken check(String header, String scope) {
    // The scheme is case-insensitive (RFC 9110, section 11.1); the token is compared exactly.
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiError(401, "missing API token. Expected Authorization: Bearer TOKEN");
    }
    String hash = hash(header.substring("Bearer ".length()).strip());
    Instant now = clock.instant();
    Cached c = cache.get(hash);
    ApiToken token;
    if (c != null && now.isBefore(c.checkedAt().plus(FRESH))) {
      token = c.token();
    } else {
      Optional<ApiToken> found;
      try {
        found = store.useToken(hash, now);
      } catch (StoreUnavailableException e) {
        if (c != null && now.isBefore(c.checkedAt().plus(STALE))) {
          return scoped(c.token(), scope);
        }
        throw new ApiError(503, "cannot check the API token now: the store is unavailable", 5);
      }
      if (found.isEmpty()) {
        cache.remove(hash);
        throw new ApiError(401, "unknown API token");
      }
      token = found.get();
      cache.put(hash, new Cached(token, now));
    }
    return scoped(token, scope);
  }

  private static ApiToken scoped(ApiToken token, String scope) {
    if (!token.scopes().contains(scope) && !token.scopes().contains("*")) {
      throw new ApiError(403, "token '" + token.name() + "' lacks scope " + scope);
    }
    return token;
  }
}
