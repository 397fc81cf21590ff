package dev.nines.demo.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One hop of the request path (CDN, load balancer, L7 proxy): an HTTP reverse proxy on
 * loopback that forwards every request to its upstream and reports what it answered, with its
 * layer, to its {@link EventSink}. When the upstream cannot be reached it answers 502 (504
 * after {@code upstreamTimeout}), so an outage below shows as this hop's error ratio. With a
 * {@link CdnCache} it serves cacheable GETs from the cache and stale copies when the upstream
 * fails.
 */
public final class Hop implements AutoCloseable {
  /** Headers that belong to one connection, or that the JDK client sets itself. */
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length",
      "host", "expect", "upgrade", "transfer-encoding", "keep-alive", "te", "trailer",
      "proxy-connection", "proxy-authorization", "date", "http2-settings", "x-forwarded-for");

  private final String name;
  private final String layer;
  private final URI upstream;
  private final Duration upstreamTimeout;
  private final CdnCache cache;
  private final EventSink events;
  private final HttpClient http;
  private final Clock clock;
  private final HttpServer server;

  /**
   * Starts a hop on a free loopback port.
   *
   * @param cache the CDN's cache, or null for a hop that caches nothing
   */
  public Hop(String name, String layer, URI upstream, Duration upstreamTimeout, CdnCache cache,
      EventSink events, HttpClient http, Clock clock) throws IOException {
    this.name = name;
    this.layer = layer;
    this.upstream = upstream;
    this.upstreamTimeout = upstreamTimeout;
    this.cache = cache;
    this.events = events;
    this.http = http;
    this.clock = clock;
    this.server = Http.serve(0, this::handle);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  private void handle(HttpExchange ex) throws IOException {
    Instant start = clock.instant();
    long t0 = System.nanoTime();
    String target = ex.getRequestURI().getRawPath()
        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
    int status;
    try {
      status = answer(ex, target);
    } catch (IOException e) {
      // The client went away mid-answer: report what this hop meant to answer as a failure.
      events.report(new HopEvent(Endpoints.of(target), 0, millisSince(t0), start, null, true,
          layer));
      throw e;
    }
    events.report(HopEvent.request(layer, Endpoints.of(target), status, millisSince(t0), start));
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Answers the request and returns the status sent. */
  private int answer(HttpExchange ex, String target) throws IOException {
    boolean cacheable = cache != null && "GET".equals(ex.getRequestMethod());
    if (cacheable) {
      CdnCache.Entry hit = cache.fresh(target);
      if (hit != null) {
        return serveCached(ex, hit, "HIT");
      }
    }
    byte[] body = Http.body(ex);
    HttpResponse<byte[]> r;
    try {
      r = http.send(forward(ex, target, body), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      return fail(ex, target, cacheable, 504, "upstream " + upstream + " did not answer within "
          + upstreamTimeout.toMillis() + " ms");
    } catch (IOException e) {
      return fail(ex, target, cacheable, 502, "upstream " + upstream + " unreachable ("
          + describe(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(ex, target, cacheable, 502, "interrupted");
    }
    if (cacheable) {
      if (r.statusCode() >= 500) {
        CdnCache.Entry stale = cache.staleOnError(target);
        if (stale != null) {
          return serveCached(ex, stale, "STALE");
        }
      }
      cache.offer(target, r.statusCode(), r.headers().firstValue("Cache-Control").orElse(null),
          r.headers().firstValue("Content-Type").orElse(null), r.body());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    r.headers().map().forEach((k, v) -> {
      if (!NOT_FORWARDED.contains(k.toLowerCase(Locale.ROOT)) && !v.isEmpty()
          && !k.equalsIgnoreCase("content-type") && !k.equalsIgnoreCase("via")) {
        headers.put(k, v.get(0));
      }
    });
    headers.put("Via", via(r.headers().firstValue("Via").orElse(null)));
    if (cacheable) {
      headers.put("X-Cache", "MISS");
    }
    Http.send(ex, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(),
        headers);
    return r.statusCode();
  }

  private HttpRequest forward(HttpExchange ex, String target, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(upstream.resolve(target))
        .timeout(upstreamTimeout)
        .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    ex.getRequestHeaders().forEach((k, values) -> {
      if (!NOT_FORWARDED.contains(k.toLowerCase(Locale.ROOT))) {
        for (String v : values) {
          b.header(k, v);
        }
      }
    });
    String client = ex.getRemoteAddress().getAddress().getHostAddress();
    String before = ex.getRequestHeaders().getFirst("X-Forwarded-For");
    b.header("X-Forwarded-For", before == null ? client : before + ", " + client);
    return b.build();
  }

  private int fail(HttpExchange ex, String target, boolean cacheable, int status, String why)
      throws IOException {
    if (cacheable) {
      CdnCache.Entry stale = cache.staleOnError(target);
      if (stale != null) {
        return serveCached(ex, stale, "STALE");
      }
    }
    ex.getResponseHeaders().set("Via", via(null));
    Http.error(ex, status, name + ": " + why);
    return status;
  }

  private int serveCached(HttpExchange ex, CdnCache.Entry e, String how) throws IOException {
    Http.send(ex, e.status(), e.contentType(), e.body(), Map.of("X-Cache", how, "Via", via(null)));
    return e.status();
  }

  private String via(String upstreamVia) {
    return (upstreamVia == null ? "" : upstreamVia + ", ") + "1.1 " + name;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  @Override public void close() {
    Http.stop(server);
  }

  /** The upstream this hop forwards to. */
  public URI upstream() {
    return upstream;
  }
}
