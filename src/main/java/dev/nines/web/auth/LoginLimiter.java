package dev.nines.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login rate limiting: at most {@link #PER_USER} failed sign-ins per user name and address,
 * and {@link #PER_ADDRESS} per address over all names, within a sliding {@link #WINDOW}.
 * Past either limit every attempt is refused, even with the right password, until the oldest
 * failure leaves the window. A successful sign-in clears its name and address.
 *
 * <p>Memory is bounded: a name or address whose last failure has left the window is
 * forgotten, and past {@link #MAX_KEYS} names and addresses failing at once the one whose
 * last failure is oldest is forgotten first (each failure costs a password check, so that
 * many inside a minute is far beyond what one server checks).
 */
public final class LoginLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(LoginLimiter.class);

  public static final int PER_USER = 5;
  public static final int PER_ADDRESS = 20;
  public static final Duration WINDOW = Duration.ofMinutes(1);
  /** Names and addresses remembered at most. */
  public static final int MAX_KEYS = 100_000;

  private final Clock clock;
  private final int maxKeys;
  /** Failures by key, the key whose last failure is oldest first. Guarded by this. */
  private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>();
  private boolean full;

  public LoginLimiter(Clock clock) {
    this(clock, MAX_KEYS);
  }

  /** A limiter remembering at most {@code maxKeys} names and addresses. */
  LoginLimiter(Clock clock, int maxKeys) {
    this.clock = clock;
    this.maxKeys = maxKeys;
  }

  /** How long {@code user} at {@code address} must wait; zero when an attempt is allowed. */
  public synchronized Duration wait(String user, String address) {
    Instant now = clock.instant();
    forgetExpired(now);
    Duration a = waitFor(userKey(user, address), PER_USER, now);
    Duration b = waitFor("@" + address, PER_ADDRESS, now);
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Counts a failed sign-in. */
  public synchronized void failed(String user, String address) {
    Instant now = clock.instant();
    add(userKey(user, address), now);
    add("@" + address, now);
    forgetExpired(now);
    forgetOldestPastTheBound();
  }

  /** Clears the failures of a user at an address after a successful sign-in. */
  public synchronized void succeeded(String user, String address) {
    failures.remove(userKey(user, address));
  }

  /** Names and addresses remembered now. */
  synchronized int size() {
    return failures.size();
  }

  private void add(String key, Instant now) {
    Deque<Instant> d = failures.remove(key);        // put back last: newest failure last
    if (d == null) {
      d = new ArrayDeque<>();
    }
    d.addLast(now);
    while (d.size() > PER_ADDRESS) {
      d.removeFirst();
    }
    failures.put(key, d);
  }

  /** Drops keys whose last failure has left the window: they are the first ones. */
  private void forgetExpired(Instant now) {
    Iterator<Deque<Instant>> oldest = failures.values().iterator();
    while (oldest.hasNext()) {
      if (now.isBefore(oldest.next().peekLast().plus(WINDOW))) {
        return;
      }
      oldest.remove();
    }
  }

  private void forgetOldestPastTheBound() {
    if (failures.size() <= maxKeys) {
      full = false;
      return;
    }
    if (!full) {
      full = true;
      LOG.warn("more than {} names and addresses have failed to sign in within {} s; "
          + "forgetting those whose last failure is oldest", maxKeys, WINDOW.toSeconds());
    }
    Iterator<String> oldest = failures.keySet().iterator();
    while (failures.size() > maxKeys) {
      oldest.next();
      oldest.remove();
    }
  }

  private Duration waitFor(String key, int limit, Instant now) {
    Deque<Instant> d = failures.get(key);
    if (d == null) {
      return Duration.ZERO;
    }
    while (!d.isEmpty() && !now.isBefore(d.peekFirst().plus(WINDOW))) {
      d.removeFirst();
    }
    if (d.size() < limit) {
      return Duration.ZERO;
    }
    // The attempt is allowed again once enough failures have left the window.
    Instant oldest = d.stream().skip(d.size() - limit).findFirst().orElseThrow();
    return Duration.between(now, oldest.plus(WINDOW));
  }

  private static String userKey(String user, String address) {
    return (user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT)) + "@" + address;
  }
}
