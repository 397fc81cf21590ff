package dev.nines.demo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventReporterTest {
  /** One batch as the fake Nines received it. */
  private record Received(String key, String authorization, JsonNode body, int answered) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger refusals = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer nines;
  private EventReporter reporter;

  /** A fake Nines that answers {@code status} with Retry-After to the first {@code n} posts. */
  private URI startNines(int n, int status) throws Exception {
    refusals.set(n);
    nines = Http.serve(0, ex -> {
      JsonNode body = Http.JSON.readTree(Http.body(ex));
      int answer = refusals.getAndDecrement() > 0 ? status : 202;
      received.add(new Received(ex.getRequestHeaders().getFirst("Idempotency-Key"),
          ex.getRequestHeaders().getFirst("Authorization"), body, answer));
      if (answer != 202) {
        ex.getResponseHeaders().set("Retry-After", "1");
      }
      Http.json(ex, answer, Map.of("accepted", answer == 202 ? body.size() : 0));
    });
    return URI.create("http://127.0.0.1:" + nines.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (reporter != null) {
      reporter.close();
    }
    if (nines != null) {
      Http.stop(nines);
    }
    http.close();
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 20 s");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void eventsGoToNinesInABatchWithTheirLayerAndTheToken() throws Exception {
    URI server = startNines(0, 0);
    reporter = new EventReporter("cdn", "platform", http, Duration.ofMillis(100));
    reporter.report(HopEvent.request("cdn", "/faq", 200, 3,
        Instant.parse("2026-11-18T10:30:00Z")));
    reporter.report(new HopEvent("/track-delivery", 200, 1, Instant.parse("2026-11-18T10:24:00Z"),
        Instant.parse("2026-11-18T10:30:00Z"), false, "api"));
    reporter.report(new HopEvent("/fetch-orders", 0, 5000, Instant.parse("2026-11-18T10:30:01Z"),
        null, true, "cdn"));
    reporter.connect(server, "secret-token");

    await(() -> reporter.delivered() == 3);
    Received r = received.get(0);
    assertThat(r.authorization()).isEqualTo("Bearer secret-token");
    assertThat(r.key()).startsWith("cdn-").endsWith("-1");
    assertThat(r.body().toString()).isEqualTo("[{\"service\":\"platform\",\"endpoint\":\"/faq\","
        + "\"status\":200,\"durationMs\":3,\"time\":\"2026-11-18T10:30:00Z\",\"layer\":\"cdn\"},"
        + "{\"service\":\"platform\",\"endpoint\":\"/track-delivery\",\"status\":200,"
        + "\"durationMs\":1,\"time\":\"2026-11-18T10:24:00Z\",\"processedTime\":"
        + "\"2026-11-18T10:30:00Z\",\"layer\":\"api\"},{\"service\":\"platform\",\"endpoint\":"
        + "\"/fetch-orders\",\"failed\":true,\"durationMs\":5000,\"time\":"
        + "\"2026-11-18T10:30:01Z\",\"layer\":\"cdn\"}]");
    assertThat(reporter.waiting()).isZero();
  }

  @Test
  void aBatchRefusedWith503IsSentAgainWithTheSameIdempotencyKey() throws Exception {
    URI server = startNines(2, 503);
    reporter = new EventReporter("ingress", "platform", http, Duration.ofMillis(100));
    reporter.report(HopEvent.request("ingress", "/assign-courier", 502, 31,
        Instant.parse("2026-11-18T10:30:00Z")));
    reporter.connect(server, "t");

    await(() -> reporter.delivered() == 1);
    assertThat(received).extracting(Received::answered).containsExactly(503, 503, 202);
    assertThat(received).extracting(Received::key).containsOnly(received.get(0).key());
    assertThat(reporter.retries()).isEqualTo(2);
  }

  @Test
  void aBatchRefusedWith429WaitsAndLaterEventsFollowInTheirOwnBatch() throws Exception {
    URI server = startNines(1, 429);
    reporter = new EventReporter("app", "platform", http, Duration.ofMillis(100));
    reporter.report(HopEvent.request("api", "/login", 200, 20, Instant.parse(
        "2026-11-18T10:30:00Z")));
    reporter.connect(server, "t");
    await(() -> received.size() == 1);
    reporter.report(HopEvent.request("api", "/login", 200, 21, Instant.parse(
        "2026-11-18T10:30:02Z")));

    await(() -> reporter.delivered() == 2);
    assertThat(received).extracting(r -> r.body().size()).containsExactly(1, 1, 1);
    assertThat(received.get(1).key()).isEqualTo(received.get(0).key());
    assertThat(received.get(2).key()).isNotEqualTo(received.get(0).key());
  }

  @Test
  void eventsWaitWhileNinesIsUnreachableAndFlushSendsThem() throws Exception {
    reporter = new EventReporter("cdn", "platform", http, Duration.ofSeconds(30));
    reporter.report(HopEvent.request("cdn", "/faq", 200, 3, Instant.parse(
        "2026-11-18T10:30:00Z")));
    assertThat(reporter.waiting()).isEqualTo(1);
    URI server = startNines(0, 0);
    reporter.connect(server, "t");
    reporter.flush(Duration.ofSeconds(10));
    assertThat(reporter.delivered()).isEqualTo(1);
  }
}
