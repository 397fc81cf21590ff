package dev.nines.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nines.store.MinuteBucket;
import dev.nines.store.StoredAttempt;
import dev.nines.store.StoredObservation;
import dev.nines.testing.WallClock;
import dev.nines.uptime.State;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server probing a real HTTP target on loopback: attempts, states and SLI buckets stored. */
class ProbingServerTest {
  @TempDir Path dir;
  HttpServer target;
  NinesServer server;
  final AtomicInteger status = new AtomicInteger(200);

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (target != null) {
      target.stop(0);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void probesAreStoredAndCountedAndAFailureBecomesError() throws Exception {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/healthz", ex -> {
      byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status.get(), body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    target.start();
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, """
        apiVersion: nines/v1
        regions: [local]
        services: [{name: web}]
        monitors:
          - name: health
            service: web
            kind: http
            interval: 1s
            timeout: 1s
            retries: 1
            retryInterval: 200ms
            request: {url: "http://127.0.0.1:%d/healthz", expectStatus: [200]}
        slos:
          - name: health-checks
            service: web
            sli: {kind: availability, source: {monitors: [health]}}
            target: 99
            window: 30d
            owner: team
        """.formatted(target.getAddress().getPort()));
    Instant start = WallClock.now();
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 10_000, null, true), WallClock.clock());
    await(() -> server.store().attempts("health", start, WallClock.now().plusSeconds(5), 10).size() >= 2,
        "two stored attempts");
    StoredAttempt a = server.store().attempts("health", start, WallClock.now().plusSeconds(5), 1).get(0);
    assertThat(a.ok()).isTrue();
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.totalMillis()).isPositive();
    assertThat(server.probes().latest("health").get("local").observation().state()).isEqualTo(State.OK);
    long minute = start.getEpochSecond() / 60;
    await(() -> total(server.store().minuteBuckets("health-checks", minute, minute + 10)) >= 2,
        "counted checks");

    status.set(500);
    await(() -> server.store().observations("health", start, WallClock.now().plusSeconds(5)).stream()
        .anyMatch(o -> o.state() == State.ERROR), "a stored ERROR");
    List<StoredObservation> seen = server.store().observations("health", start,
        WallClock.now().plusSeconds(5));
    StoredObservation error = seen.stream().filter(o -> o.state() == State.ERROR).findFirst().get();
    assertThat(error.message()).contains("500");
    // The failed attempt before the retry was stored too: every attempt is kept.
    assertThat(server.store().attempts("health", start, WallClock.now().plusSeconds(5), 100))
        .anyMatch(x -> !x.ok() && Integer.valueOf(500).equals(x.status()));
  }

  @Test
  void theProbersMissedChecksTimeoutsAndLostResultsAreInMetrics() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, """
        apiVersion: nines/v1
        regions: [local]
        services: [{name: web}]
        monitors:
          - {name: health, service: web, kind: tcp, interval: 1h, target: "127.0.0.1:9"}
        """);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 10_000, "metrics-token", true), WallClock.clock());
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
            + server.port() + "/metrics")).header("Authorization", "Bearer metrics-token").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.body().lines().filter(l -> l.startsWith("nines_probe_") && l.contains("_total{"
        + "region=")).toList()).containsExactly(
            "nines_probe_missed_checks_total{region=\"local\"} 0",
            "nines_probe_watchdog_timeouts_total{region=\"local\"} 0",
            "nines_probe_sink_failures_total{region=\"local\"} 0");
  }

  private static long total(List<MinuteBucket> buckets) {
    return buckets.stream().mapToLong(MinuteBucket::valid).sum();
  }
}
