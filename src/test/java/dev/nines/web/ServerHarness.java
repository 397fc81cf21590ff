package dev.nines.web;

import dev.nines.server.NinesServer;
import dev.nines.testing.FakeClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A real Nines server on a free loopback port with SQLite in a temp dir (or the database a
 * URL names), and an HTTP client.
 */
final class ServerHarness implements AutoCloseable {
  static final String TOKEN = "test-token-with-every-scope";
  final NinesServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Path dataDir;

  ServerHarness(Path dataDir, String dbUrl, long maxBody, long maxQueued) throws Exception {
    this.dataDir = dataDir;
    this.server = NinesServer.start(new NinesServer.Config(Path.of("examples/logistics.yaml"),
        dbUrl, dataDir, "127.0.0.1", 0, maxBody, maxQueued, TOKEN, false), new FakeClock());
  }

  ServerHarness(Path dataDir, long maxBody, long maxQueued) throws Exception {
    this(dataDir, null, maxBody, maxQueued);
  }

  ServerHarness(Path dataDir) throws Exception {
    this(dataDir, 1 << 20, 1_000_000);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a known batch under its Idempotency-Key. */
  HttpResponse<String> send(KnownBatches.Batch b) throws Exception {
    return send(post("/api/v1/events", b.body()).header("Idempotency-Key", b.key()));
  }

  /**
   * Posts a known batch again and again, as a client would after 503 (without waiting the
   * Retry-After, to keep tests short), until it is answered 202 or {@code within} is over.
   *
   * @return the last answer
   */
  HttpResponse<String> sendUntilAccepted(KnownBatches.Batch b, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> r = send(b);
    while (r.statusCode() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      r = send(b);
    }
    return r;
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).GET());
  }

  @Override public void close() {
    server.close();
  }
}
