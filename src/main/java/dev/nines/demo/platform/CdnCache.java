package dev.nines.demo.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CDN's cache of GET responses, keyed by path and query. A 200 response is stored when its
 * {@code Cache-Control} has {@code max-age} (and neither {@code no-store} nor {@code private});
 * it is fresh for {@code max-age} seconds, and with {@code stale-if-error=N} it may be served
 * for N seconds more when the origin fails (RFC 5861): the reason the CDN keeps serving the
 * dashboard, the FAQ and the banner while the app is down.
 */
public final class CdnCache {
  private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age=(\\d+)");
  private static final Pattern STALE_IF_ERROR = Pattern.compile("stale-if-error=(\\d+)");

  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /**
   * One stored response.
   *
   * @param freshUntil served without asking the origin until then
   * @param staleUntil served when the origin fails until then
   */
  public record Entry(int status, String contentType, byte[] body, Instant freshUntil,
      Instant staleUntil) {}

  public CdnCache(Clock clock) {
    this.clock = clock;
  }

  /** The entry for {@code key} if it is still fresh, else null. */
  public Entry fresh(String key) {
    Entry e = entries.get(key);
    return e != null && clock.instant().isBefore(e.freshUntil()) ? e : null;
  }

  /** The entry for {@code key} if it may still be served because the origin failed, else null. */
  public Entry staleOnError(String key) {
    Entry e = entries.get(key);
    return e != null && clock.instant().isBefore(e.staleUntil()) ? e : null;
  }

  /** Stores a response when its status and {@code Cache-Control} allow; returns whether it did. */
  public boolean offer(String key, int status, String cacheControl, String contentType,
      byte[] body) {
    if (status != 200 || cacheControl == null) {
      return false;
    }
    String cc = cacheControl.toLowerCase(java.util.Locale.ROOT);
    if (cc.contains("no-store") || cc.contains("private")) {
      return false;
    }
    Matcher m = MAX_AGE.matcher(cc);
    if (!m.find()) {
      return false;
    }
    Instant now = clock.instant();
    Instant fresh = now.plus(Duration.ofSeconds(Long.parseLong(m.group(1))));
    Matcher s = STALE_IF_ERROR.matcher(cc);
    Instant stale = s.find() ? fresh.plus(Duration.ofSeconds(Long.parseLong(s.group(1)))) : fresh;
    entries.put(key, new Entry(status, contentType, body.clone(), fresh, stale));
    return true;
  }
}
