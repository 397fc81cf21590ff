package dev.nines.web.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions, kept in memory: a random 256-bit id (the cookie) maps to the principal
 * and its CSRF token. A session ends after {@link #IDLE} without a request, after
 * {@link #ABSOLUTE} in any case, at sign-out, and when the process restarts.
 */
public final class Sessions {
  /** A session unused this long is gone. */
  public static final Duration IDLE = Duration.ofHours(8);
  /** No session lives longer than this. */
  public static final Duration ABSOLUTE = Duration.ofDays(7);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** One session: who, the token forms must carry, and when it started and was last used. */
  public static final class Session {
    private final String id;
    private final Principal principal;
    private final String csrfToken;
    private final Instant created;
    private final String credential;
    private volatile Instant lastSeen;
    private volatile Instant verifiedAt;

    Session(String id, Principal principal, String csrfToken, Instant created,
        String credential) {
      this.id = id;
      this.principal = principal;
      this.csrfToken = csrfToken;
      this.created = created;
      this.credential = credential;
      this.lastSeen = created;
      this.verifiedAt = created;
    }

    /** What the user signed in with (its password hash), or null for a session not from a sign-in. */
    String credential() {
      return credential;
    }

    /** When the user was last found unchanged in the store. */
    Instant verifiedAt() {
      return verifiedAt;
    }

    void verified(Instant at) {
      verifiedAt = at;
    }

    public String id() {
      return id;
    }

    public Principal principal() {
      return principal;
    }

    public String csrfToken() {
      return csrfToken;
    }

    /** Whether {@code token} is this session's CSRF token (compared in constant time). */
    public boolean csrfMatches(String token) {
      return token != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
          csrfToken.getBytes(StandardCharsets.UTF_8));
    }
  }

  private final Clock clock;
  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  public Sessions(Clock clock) {
    this.clock = clock;
  }

  /** A random URL-safe token of 256 bits. */
  public static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Starts a session for {@code principal}. */
  public Session create(Principal principal) {
    return create(principal, null);
  }

  /** Starts a session for {@code principal}, valid while its user keeps {@code credential}. */
  public Session create(Principal principal, String credential) {
    purge();
    Session s = new Session(randomToken(), principal, randomToken(), clock.instant(),
        credential);
    byId.put(s.id(), s);
    return s;
  }

  /** The live session with this id, marking it used now; empty when unknown or expired. */
  public Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (expired(s, now)) {
      byId.remove(id);
      return Optional.empty();
    }
    s.lastSeen = now;
    return Optional.of(s);
  }

  /** Ends a session. */
  public void remove(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  /** Ends every session of a user (after a password change, a reset, disabling, removal). */
  public void removeUser(String name) {
    byId.values().removeIf(s -> !s.principal().token() && s.principal().name().equals(name));
  }

  /** Sessions alive now. */
  public int size() {
    purge();
    return byId.size();
  }

  private void purge() {
    Instant now = clock.instant();
    byId.values().removeIf(s -> expired(s, now));
  }

  private static boolean expired(Session s, Instant now) {
    return !now.isBefore(s.lastSeen.plus(IDLE)) || !now.isBefore(s.created.plus(ABSOLUTE));
  }
}
