package dev.nines.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login rate limiting: at most {@link #PER_USER} failed sign-ins per user name and address,
 * and {@link #PER_ADDRESS} per address over all names, within a sliding {@link #WINDOW}.
 * Past either limit every attempt is refused, even with the right password, until the oldest
 * failure leaves the window. A successful sign-in clears its name and address.
 */
public final class LoginLimiter {
  public static final int PER_USER = 5;
  public static final int PER_ADDRESS = 20;
  public static final Duration WINDOW = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginLimiter(Clock clock) {
    this.clock = clock;
  }

  /** How long {@code user} at {@code address} must wait; zero when an attempt is allowed. */
  public Duration wait(String user, String address) {
    Instant now = clock.instant();
    Duration a = waitFor(userKey(user, address), PER_USER, now);
    Duration b = waitFor("@" + address, PER_ADDRESS, now);
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Counts a failed sign-in. */
  public void failed(String user, String address) {
    Instant now = clock.instant();
    add(userKey(user, address), now);
    add("@" + address, now);
  }

  /** Clears the failures of a user at an address after a successful sign-in. */
  public void succeeded(String user, String address) {
    failures.remove(userKey(user, address));
  }

  private void add(String key, Instant now) {
    Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(now);
      while (d.size() > PER_ADDRESS) {
        d.removeFirst();
      }
    }
  }

  private Duration waitFor(String key, int limit, Instant now) {
    Deque<Instant> d = failures.get(key);
    if (d == null) {
      return Duration.ZERO;
    }
    synchronized (d) {
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
  }

  private static String userKey(String user, String address) {
    return (user == null ? "" : user.strip().toLowerCase(java.util.Locale.ROOT)) + "@" + address;
  }
}
