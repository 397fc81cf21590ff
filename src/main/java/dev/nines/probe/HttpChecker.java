package dev.nines.probe;

import dev.nines.model.HttpCheck;
import dev.nines.model.MonitorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Checker of HTTP(S) monitors: one request with the monitor's method, headers and body, judged
 * by status (empty set: 200-399), response time against {@code maxResponseTime} and the body
 * assertions. The monitor's timeout bounds the whole call, body included; bodies are read up to
 * {@link #MAX_BODY_BYTES}. Plain-HTTP requests over fresh connections (the default) go over
 * the {@link ProbeLoop}, by {@link PlainHttp}; HTTPS and kept-alive connections over OkHttp.
 */
final class HttpChecker implements Checker {
  /** Bytes of a response body read for assertions; the rest is discarded. */
  static final int MAX_BODY_BYTES = 1 << 20;
  /** Methods sent with a body, empty when the monitor gives none. */
  static final Set<String> NEEDS_BODY = Set.of("POST", "PUT", "PATCH");

  private final HttpClients clients;
  private final ProbeLoop loop;
  private final Executor threads;
  private final java.time.InstantSource clock;

  /**
   * A checker that sends plain-HTTP fresh-connection requests over {@code loop}, everything
   * else over {@code clients}, and runs lookups and body assertions on {@code threads}.
   */
  HttpChecker(HttpClients clients, ProbeLoop loop, Executor threads,
      java.time.InstantSource clock) {
    this.clients = clients;
    this.loop = loop;
    this.threads = threads;
    this.clock = clock;
  }

  /**
   * One HTTP exchange: the status and body, or the transport failure, the phases, and for
   * HTTPS the leaf certificate the server presented (else null).
   */
  record Exchange(Integer status, BodyText body, Phases phases, String failure,
      Certificate certificate) {
    Exchange(Integer status, BodyText body, Phases phases, String failure) {
      this(status, body, phases, failure, null);
    }
  }

  @Override public CheckResult check(MonitorSpec monitor) {
    HttpCheck c = monitor.http();
    if (c == null) {
      return CheckResult.failed(null, monitor.name() + ": no request. Expected a request for an "
          + "http monitor", Phases.NONE);
    }
    return result(c, exchange(c, c.url(), c.headers(), c.body(), monitor.timeout().toMillis(),
        monitor.keepAlive()));
  }

  /**
   * Starts a plain-HTTP check over a fresh connection on the I/O loop, so that no thread waits
   * for it; the result is judged on the loop, or on a virtual thread when body assertions have
   * to be run. Other checks (HTTPS, keep-alive) need a thread: null.
   */
  @Override public Started start(MonitorSpec monitor, Consumer<CheckResult> done) {
    HttpCheck c = monitor.http();
    if (c == null || monitor.keepAlive() || !PlainHttp.takes(c.url())) {
      return null;
    }
    return plain(c, c.url(), c.headers(), c.body(), monitor.timeout().toMillis(), x -> {
      if (c.assertions().isEmpty()) {
        done.accept(result(c, x));
      } else {
        threads.execute(() -> done.accept(result(c, x)));
      }
    });
  }

  private static CheckResult result(HttpCheck c, Exchange x) {
    List<String> problems = problems(c, x);
    return new CheckResult(problems.isEmpty(), x.status(),
        problems.isEmpty() ? null : String.join("; ", problems), null, x.phases(), List.of(),
        x.certificate());
  }

  private PlainHttp plain(HttpCheck c, String url, Map<String, String> headers, String body,
      long timeoutMillis, Consumer<Exchange> done) {
    return PlainHttp.start(loop, threads, (method, next, h, b, left) -> okHttp(c, method, next,
        h, b, left, false), c.followRedirects(), c.method(), url, headers, body, timeoutMillis,
        done);
  }

  /**
   * Sends one request and reads the response; never throws. Without {@code keepAlive} the
   * request goes over a connection of its own.
   */
  Exchange exchange(HttpCheck c, String url, Map<String, String> headers, String body,
      long timeoutMillis, boolean keepAlive) {
    if (keepAlive || !PlainHttp.takes(url)) {
      return okHttp(c, c.method(), url, headers, body, timeoutMillis, keepAlive);
    }
    String what = c.method() + " " + url;
    long start = System.nanoTime();
    CompletableFuture<Exchange> result = new CompletableFuture<>();
    PlainHttp x = plain(c, url, headers, body, timeoutMillis, result::complete);
    try {
      // The exchange ends by its own deadline; the grace only guards against a stopped loop.
      return result.get(timeoutMillis + ProbeEngine.WATCHDOG_GRACE.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      x.stop();
      Thread.currentThread().interrupt();
      return interrupted(null, what, Phases.total((System.nanoTime() - start) / 1e6));
    } catch (TimeoutException | ExecutionException e) {
      x.stop();
      return new Exchange(null, null, Phases.total((System.nanoTime() - start) / 1e6),
          Failures.describe(what, new java.net.SocketTimeoutException("timeout"),
              timeoutMillis));
    }
  }

  /** The exchange over OkHttp: HTTPS, kept-alive connections, the rest of a chain. */
  private Exchange okHttp(HttpCheck c, String method, String url, Map<String, String> headers,
      String body, long timeoutMillis, boolean keepAlive) {
    String what = method + " " + url;
    PhaseRecorder phases = new PhaseRecorder(System.nanoTime());
    Request request;
    try {
      request = request(method, url, headers, body, phases, keepAlive);
    } catch (IllegalArgumentException e) {
      return new Exchange(null, null, Phases.NONE, what + ": invalid request (" + e.getMessage()
          + "). Expected a valid URL, method and headers");
    }
    Call call = clients.client(c.followRedirects(), c.verifyTls(), keepAlive).newCall(request);
    call.timeout().timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    Integer status = null;
    try (Response response = call.execute()) {
      status = response.code();
      BodyText text = read(response);
      return new Exchange(status, text, phases.phases(System.nanoTime()), null,
          certificate(response, phases));
    } catch (IOException e) {
      if (e instanceof java.io.InterruptedIOException && Thread.currentThread().isInterrupted()) {
        return interrupted(status, what, phases.phases(System.nanoTime()));
      }
      return new Exchange(status, null, phases.phases(System.nanoTime()),
          Failures.describe(what, e, timeoutMillis));
    } catch (Exception e) {
      // OkHttp is Kotlin: it can throw InterruptedException without declaring it.
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return interrupted(status, what, phases.phases(System.nanoTime()));
      }
      return new Exchange(status, null, phases.phases(System.nanoTime()), what + ": "
          + e.getClass().getSimpleName() + " (" + e.getMessage() + "). Expected a response");
    }
  }

  private static Exchange interrupted(Integer status, String what, Phases phases) {
    return new Exchange(status, null, phases, what
        + ": interrupted. Expected the check to run to its end");
  }

  private static Request request(String method, String url, Map<String, String> headers,
      String body, PhaseRecorder phases, boolean keepAlive) {
    Request.Builder b = new Request.Builder().url(url).tag(PhaseRecorder.class, phases);
    MediaType type = null;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      b.header(h.getKey(), h.getValue());
      if (h.getKey().equalsIgnoreCase("Content-Type")) {
        type = MediaType.parse(h.getValue());
      }
    }
    if (!has(headers, "User-Agent")) {
      b.header("User-Agent", "nines-probe");
    }
    if (!keepAlive && !has(headers, "Connection")) {
      // One request per connection, said as Go's transport says it without keep-alives: the
      // server closes first and keeps the TIME_WAIT, so the prober's ports are free at once.
      b.header("Connection", "close");
    }
    // As bytes: the Content-Type goes as the monitor wrote it, without a charset added.
    RequestBody requestBody = body != null
        ? RequestBody.create(body.getBytes(StandardCharsets.UTF_8), type)
        : NEEDS_BODY.contains(method) ? RequestBody.create(new byte[0], null) : null;
    return b.method(method, requestBody).build();
  }

  /** Whether the monitor's headers set {@code name} (in any case). */
  static boolean has(Map<String, String> headers, String name) {
    for (String k : headers.keySet()) {
      if (k.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** The leaf certificate of an HTTPS response with its days left now, else null. */
  private Certificate certificate(Response response, PhaseRecorder phases) {
    okhttp3.Handshake h = response.handshake();
    if (h == null) {
      return null;
    }
    java.security.cert.X509Certificate leaf = !h.peerCertificates().isEmpty()
        && h.peerCertificates().get(0) instanceof java.security.cert.X509Certificate x ? x
        : phases.leaf();
    return leaf == null ? null : Certificate.of(leaf.getSubjectX500Principal().getName(),
        leaf.getNotAfter().toInstant(), clock.instant());
  }

  private static BodyText read(Response response) throws IOException {
    MediaType type = response.body().contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    try (InputStream in = response.body().byteStream()) {
      return new BodyText(new String(in.readNBytes(MAX_BODY_BYTES), charset));
    }
  }

  /**
   * What is wrong with an exchange for a check, every problem in one pass; empty when it
   * passes. A transport failure or an unexpected status is the only problem reported: the body
   * of an error page says nothing about the assertions.
   */
  static List<String> problems(HttpCheck c, Exchange x) {
    if (x.failure() != null) {
      return List.of(x.failure());
    }
    String status = statusProblem(c.expectStatus(), x.status());
    if (status != null) {
      return List.of(status);
    }
    List<String> problems = new ArrayList<>();
    if (c.maxResponseTime() != null && x.phases().totalMillis() > c.maxResponseTime().toMillis()) {
      problems.add("response time " + Math.round(x.phases().totalMillis()) + " ms: slower than "
          + "maxResponseTime. Expected at most " + c.maxResponseTime().toMillis() + " ms");
    }
    problems.addAll(BodyAssertions.failures(c.assertions(), x.body()));
    return problems;
  }

  private static String statusProblem(Set<Integer> expected, int status) {
    if (expected.isEmpty()) {
      return status >= 200 && status <= 399 ? null
          : "status " + status + ": not accepted. Expected 200-399";
    }
    if (expected.contains(status)) {
      return null;
    }
    List<String> codes = new TreeSet<>(expected).stream().map(String::valueOf).toList();
    return "status " + status + ": not accepted. Expected " + (codes.size() == 1 ? codes.get(0)
        : "one of " + String.join(", ", codes));
  }
}
