package dev.nines.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;

/**
 * One plain-HTTP exchange of a check over fresh connections on the {@link ProbeLoop}, with its
 * redirects: each hop is looked up (on a virtual thread, since the JDK's resolver blocks, unless
 * an IP literal or a name in {@link Lookups}), connected, sent and read on the loop, and the phases add up over the
 * hops as OkHttp's do. Redirects follow OkHttp's rules (at most 20; 301 to 303 turn a request
 * with a body into a GET; 307 and 308 are followed for GET and HEAD; Authorization is dropped
 * when the host changes), and a redirect to HTTPS goes on over the {@link HttpChecker}'s
 * OkHttp client. The request says {@code Connection: close}, as Go's transport does without
 * keep-alives, so the server keeps the TIME_WAIT.
 */
final class PlainHttp implements Checker.Started {
  /** Follow-ups after which a redirect chain fails, as OkHttp's. */
  static final int MAX_FOLLOW_UPS = 20;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Set<Integer> REDIRECTS = Set.of(300, 301, 302, 303, 307, 308);

  /** Where a redirect to HTTPS goes on: the OkHttp exchange of the rest of the chain. */
  @FunctionalInterface
  interface Continuation {
    HttpChecker.Exchange exchange(String method, String url, Map<String, String> headers,
        String body, long timeoutMillis);
  }

  private final ProbeLoop loop;
  private final Executor threads;
  private final Continuation secure;
  private final boolean followRedirects;
  private final String what;
  private final long timeoutMillis;
  private final long startNanos;
  private final long deadline;
  private final Consumer<HttpChecker.Exchange> done;
  private volatile boolean stopped;
  private volatile ProbeLoop.Handle current;
  private long dnsNanos = -1;
  private long connectNanos = -1;
  private int followUps;

  private PlainHttp(ProbeLoop loop, Executor threads, Continuation secure,
      boolean followRedirects, String what, long timeoutMillis,
      Consumer<HttpChecker.Exchange> done) {
    this.loop = loop;
    this.threads = threads;
    this.secure = secure;
    this.followRedirects = followRedirects;
    this.what = what;
    this.timeoutMillis = timeoutMillis;
    this.startNanos = System.nanoTime();
    this.deadline = startNanos + timeoutMillis * 1_000_000;
    this.done = done;
  }

  /** True for a URL this exchange takes: plain {@code http:}. */
  static boolean takes(String url) {
    return url.regionMatches(true, 0, "http:", 0, 5);
  }

  /**
   * Starts the exchange of {@code method url}; the outcome goes to {@code done} once (on the
   * loop thread or a virtual thread), unless it is stopped first.
   */
  static PlainHttp start(ProbeLoop loop, Executor threads, Continuation secure,
      boolean followRedirects, String method, String url, Map<String, String> headers,
      String body, long timeoutMillis, Consumer<HttpChecker.Exchange> done) {
    PlainHttp x = new PlainHttp(loop, threads, secure, followRedirects, method + " " + url,
        timeoutMillis, done);
    HttpUrl u;
    byte[] request;
    try {
      u = parse(url);
      request = request(method, u, headers, body);
    } catch (IllegalArgumentException e) {
      done.accept(new HttpChecker.Exchange(null, null, Phases.NONE, x.what + ": invalid request ("
          + e.getMessage() + "). Expected a valid URL, method and headers"));
      return x;
    }
    x.hop(method, u, headers, body, request);
    return x;
  }

  /** Parsed URLs: a monitor's URL is the same at every check. Cleared when it grows big. */
  private static final Map<String, HttpUrl> URLS = new ConcurrentHashMap<>();
  private static final int MAX_URLS = 100_000;

  private static HttpUrl parse(String url) {
    HttpUrl u = URLS.get(url);
    if (u == null) {
      u = HttpUrl.get(url);
      if (URLS.size() >= MAX_URLS) {
        URLS.clear();
      }
      URLS.put(url, u);
    }
    return u;
  }

  @Override public void stop() {
    stopped = true;
    ProbeLoop.Handle h = current;
    if (h != null) {
      h.cancel();
    }
  }

  private void hop(String method, HttpUrl u, Map<String, String> headers, String body,
      byte[] request) {
    String host = u.host();
    if (host.indexOf(':') >= 0 || IPV4.matcher(host).matches()) {
      dnsNanos = Math.max(dnsNanos, 0); // An IP literal: no lookup, but the column is filled.
      send(method, u, headers, body, request, List.of(literal(host, u.port())));
      return;
    }
    InetAddress[] known = Lookups.fresh(host);
    if (known != null) {
      dnsNanos = Math.max(dnsNanos, 0); // Answered from the cache, as the JDK's would be.
      send(method, u, headers, body, request, addresses(known, u.port()));
      return;
    }
    threads.execute(() -> {
      long t0 = System.nanoTime();
      InetAddress[] found;
      try {
        found = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        dnsNanos = Math.max(dnsNanos, 0) + System.nanoTime() - t0;
        fail(-1, e, System.nanoTime());
        return;
      }
      dnsNanos = Math.max(dnsNanos, 0) + System.nanoTime() - t0;
      Lookups.put(host, found);
      send(method, u, headers, body, request, addresses(found, u.port()));
    });
  }

  private static List<InetSocketAddress> addresses(InetAddress[] all, int port) {
    List<InetSocketAddress> addresses = new ArrayList<>(all.length);
    for (InetAddress a : all) {
      addresses.add(new InetSocketAddress(a, port));
    }
    return addresses;
  }

  private static InetSocketAddress literal(String host, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an IP literal did not parse: " + host, e);
    }
  }

  private void send(String method, HttpUrl u, Map<String, String> headers, String body,
      byte[] request, List<InetSocketAddress> addresses) {
    if (stopped) {
      return;
    }
    current = loop.exchange(addresses, request, method.equals("HEAD"),
        HttpChecker.MAX_BODY_BYTES, deadline,
        o -> arrived(method, u, headers, body, o));
    if (stopped) {
      current.cancel();
    }
  }

  private void arrived(String method, HttpUrl u, Map<String, String> headers, String body,
      ProbeLoop.Outcome o) {
    if (stopped) {
      return;
    }
    connectNanos = Math.max(connectNanos, 0) + o.connectNanos();
    if (o.failure() != null) {
      fail(o.status(), o.failure(), o.endAt());
      return;
    }
    HttpUrl next = followRedirects && REDIRECTS.contains(o.status()) && o.location() != null
        ? u.resolve(o.location()) : null;
    boolean keepsMethod = o.status() == 307 || o.status() == 308;
    if (next == null || keepsMethod && !method.equals("GET") && !method.equals("HEAD")) {
      Charset charset = charset(o.contentType());
      done.accept(new HttpChecker.Exchange(o.status(), new BodyText(new String(o.body(),
          charset)), phases(o.firstByteAt(), o.endAt()), null));
      return;
    }
    if (++followUps > MAX_FOLLOW_UPS) {
      fail(-1, new ProtocolException("Too many follow-up requests: " + followUps), o.endAt());
      return;
    }
    String nextMethod = method;
    String nextBody = body;
    if (!keepsMethod && HttpChecker.NEEDS_BODY.contains(method)) {
      nextMethod = "GET";
      nextBody = null;
    }
    Map<String, String> nextHeaders = headers;
    if (!next.host().equals(u.host()) || next.port() != u.port()
        || !next.scheme().equals(u.scheme())) {
      nextHeaders = new LinkedHashMap<>(headers);
      nextHeaders.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization"));
    }
    if (!next.scheme().equals("http")) {
      continueSecure(nextMethod, next.toString(), nextHeaders, nextBody);
      return;
    }
    hop(nextMethod, next, nextHeaders, nextBody, request(nextMethod, next, nextHeaders,
        nextBody));
  }

  /** The rest of a chain that went to HTTPS, over OkHttp on a virtual thread. */
  private void continueSecure(String method, String url, Map<String, String> headers,
      String body) {
    threads.execute(() -> {
      long offset = System.nanoTime() - startNanos;
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        fail(-1, new java.net.SocketTimeoutException("timeout"), System.nanoTime());
        return;
      }
      HttpChecker.Exchange rest = secure.exchange(method, url, headers, body, left);
      if (stopped) {
        return;
      }
      Phases p = rest.phases();
      double firstByte = p.firstByteMillis() < 0 ? Phases.ABSENT
          : offset / 1e6 + p.firstByteMillis();
      Phases merged = new Phases(sum(dnsNanos, p.dnsMillis()), sum(connectNanos,
          p.connectMillis()), p.tlsMillis(), firstByte, (System.nanoTime() - startNanos) / 1e6);
      done.accept(new HttpChecker.Exchange(rest.status(), rest.body(), merged, rest.failure(),
          rest.certificate()));
    });
  }

  private static double sum(long nanos, double millis) {
    if (nanos < 0) {
      return millis;
    }
    return nanos / 1e6 + Math.max(0, millis);
  }

  private void fail(int status, IOException e, long endAt) {
    if (stopped) {
      return;
    }
    done.accept(new HttpChecker.Exchange(status < 0 ? null : status, null,
        phases(-1, endAt), Failures.describe(what, e, timeoutMillis)));
  }

  private Phases phases(long firstByteAt, long endAt) {
    return new Phases(millis(dnsNanos), millis(connectNanos), Phases.ABSENT,
        firstByteAt < 0 ? Phases.ABSENT : (firstByteAt - startNanos) / 1e6,
        (endAt - startNanos) / 1e6);
  }

  private static double millis(long nanos) {
    return nanos < 0 ? Phases.ABSENT : nanos / 1e6;
  }

  private static Charset charset(String contentType) {
    if (contentType == null || !contentType.regionMatches(true, 0, "text/", 0, 5)
        && contentType.toLowerCase(Locale.ROOT).indexOf("charset") < 0) {
      return StandardCharsets.UTF_8; // What MediaType would say, without its parse.
    }
    MediaType type = MediaType.parse(contentType);
    return type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
  }

  /**
   * The bytes of a request: the request line, {@code Host}, the monitor's headers as written
   * (with {@code User-Agent: nines-probe} and {@code Connection: close} unless it sets them),
   * and the body with its length.
   *
   * @throws IllegalArgumentException naming a header that cannot be sent
   */
  static byte[] request(String method, HttpUrl u, Map<String, String> headers, String body) {
    StringBuilder b = new StringBuilder(256).append(method).append(' ').append(u.encodedPath());
    if (u.encodedQuery() != null) {
      b.append('?').append(u.encodedQuery());
    }
    b.append(" HTTP/1.1\r\n");
    headers.forEach(PlainHttp::check);
    if (!HttpChecker.has(headers, "Host")) {
      String name = u.host().indexOf(':') >= 0 ? "[" + u.host() + "]" : u.host();
      b.append("Host: ").append(name);
      if (u.port() != HttpUrl.defaultPort(u.scheme())) {
        b.append(':').append(u.port());
      }
      b.append("\r\n");
    }
    if (!HttpChecker.has(headers, "User-Agent")) {
      b.append("User-Agent: nines-probe\r\n");
    }
    if (!HttpChecker.has(headers, "Connection")) {
      b.append("Connection: close\r\n");
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      // The body's own length is sent instead of these.
      if (!name.equals("content-length") && !name.equals("transfer-encoding")) {
        b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
    }
    byte[] content = body != null ? body.getBytes(StandardCharsets.UTF_8)
        : HttpChecker.NEEDS_BODY.contains(method) ? new byte[0] : null;
    if (content != null) {
      b.append("Content-Length: ").append(content.length).append("\r\n");
    }
    b.append("\r\n");
    byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
    if (content == null || content.length == 0) {
      return head;
    }
    byte[] all = new byte[head.length + content.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(content, 0, all, head.length, content.length);
    return all;
  }

  /** Refuses a header name or value that would break the request, as OkHttp does. */
  private static void check(String name, String value) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= '\u0020' || c >= '\u007f' || c == ':') {
        throw new IllegalArgumentException(String.format("Unexpected char 0x%02x at %d in "
            + "header name: %s", (int) c, i, name));
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < '\u0020' || c >= '\u007f')) {
        throw new IllegalArgumentException(String.format("Unexpected char 0x%02x at %d in %s "
            + "value", (int) c, i, name));
      }
    }
  }
}
