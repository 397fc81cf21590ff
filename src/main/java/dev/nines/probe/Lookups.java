package dev.nines.probe;

import java.net.InetAddress;
import java.security.Security;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host names a plain-HTTP check looked up lately, kept as long as the JDK keeps a lookup
 * ({@code networkaddress.cache.ttl}, 30 s by default): a check of a name found here connects at
 * once on the probe loop, as a lookup answered from the JDK's cache would, and only the others
 * are looked up (and timed) on a virtual thread, since the JDK's resolver blocks.
 */
final class Lookups {
  private static final long TTL_NANOS = ttlSeconds() * 1_000_000_000L;
  private static final int MAX_NAMES = 100_000;
  private static final Map<String, Entry> NAMES = new ConcurrentHashMap<>();

  private record Entry(InetAddress[] addresses, long until) {}

  private Lookups() {}

  /** The addresses of a name looked up within the cache time, or null. */
  static InetAddress[] fresh(String host) {
    Entry e = NAMES.get(host);
    return e != null && e.until() - System.nanoTime() > 0 ? e.addresses() : null;
  }

  /** Keeps what a lookup of {@code host} answered. */
  static void put(String host, InetAddress[] addresses) {
    if (TTL_NANOS <= 0) {
      return;
    }
    if (NAMES.size() >= MAX_NAMES) {
      NAMES.clear();
    }
    NAMES.put(host, new Entry(addresses, System.nanoTime() + TTL_NANOS));
  }

  /** The JDK's positive cache time: 30 s unless set; "forever" (-1) is kept to 30 s too. */
  private static long ttlSeconds() {
    String v = Security.getProperty("networkaddress.cache.ttl");
    try {
      long s = v == null ? 30 : Long.parseLong(v.trim());
      return s < 0 ? 30 : s;
    } catch (NumberFormatException e) {
      return 30;
    }
  }
}
