package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.store.ApiToken;
import dev.nines.store.MinuteBucket;
import dev.nines.testing.FakeClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsApiTest {
  @TempDir Path dir;
  ServerHarness h;
  final Instant now = FakeClock.NOW.truncatedTo(ChronoUnit.MINUTES);
  final long minute = now.getEpochSecond() / 60;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private String event(String endpoint, int status, long millis) {
    return "{\"service\":\"platform\",\"endpoint\":\"" + endpoint + "\",\"status\":" + status
        + ",\"durationMs\":" + millis + ",\"time\":\"" + now + "\"}";
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void anAcceptedBatchIsDurableBeforeTheAnswer() throws Exception {
    h = new ServerHarness(dir);
    HttpResponse<String> r = h.send(h.post("/api/v1/events", "[" + event("/fetch-orders", 200, 100)
        + "," + event("/fetch-orders", 200, 2500) + "," + event("/fetch-orders", 502, 10) + "]"));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(json(r).get("accepted").asInt()).isEqualTo(3);
    // fetch-orders-success is "succeeds within 2 s": only the first event is good.
    assertThat(h.server.store().minuteBuckets("fetch-orders-success", minute, minute + 1))
        .containsExactly(new MinuteBucket(minute, 1, 3));
  }

  @Test
  void aBatchWithSomeInvalidItemsIs202ListingThemAndKeepsTheValidOnes() throws Exception {
    h = new ServerHarness(dir);
    HttpResponse<String> r = h.send(h.post("/api/v1/events", "[" + event("/assign-courier", 200, 5)
        + ",{\"service\":\"platform\",\"status\":200},{\"service\":\"ghost\",\"status\":200,"
        + "\"time\":\"" + now + "\"},42]"));
    assertThat(r.statusCode()).as("a 4xx would invite a retry that counts the kept ones twice")
        .isEqualTo(202);
    JsonNode body = json(r);
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.get("rejected").asInt()).isEqualTo(3);
    assertThat(body.get("errors")).extracting(JsonNode::asText).containsExactly(
        "[1].time: is required. Expected an ISO-8601 instant or epoch milliseconds",
        "[2].service: unknown service 'ghost'. Expected one declared in the spec",
        "[3]: is a number. Expected an event object");
    assertThat(h.server.store().minuteBuckets("assign-courier-success", minute, minute + 1))
        .containsExactly(new MinuteBucket(minute, 1, 1));
  }

  @Test
  void aPartlyInvalidBatchRetriedWithItsKeyCountsItsValidItemsOnce() throws Exception {
    h = new ServerHarness(dir);
    String body = "[" + event("/assign-courier", 200, 5) + ",{\"service\":\"ghost\"}]";
    HttpResponse<String> first = h.send(h.post("/api/v1/events", body)
        .header("Idempotency-Key", "p-1"));
    HttpResponse<String> again = h.send(h.post("/api/v1/events", body)
        .header("Idempotency-Key", "p-1"));
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(json(first).get("accepted").asInt()).isEqualTo(1);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("duplicate").asBoolean()).isTrue();
    assertThat(json(again).get("rejected").asInt()).isEqualTo(1);
    assertThat(h.server.store().minuteBuckets("assign-courier-success", minute, minute + 1))
        .containsExactly(new MinuteBucket(minute, 1, 1));
  }

  @Test
  void aBatchRefusedEntirelyLeavesItsKeyFreeForTheCorrectedResend() throws Exception {
    h = new ServerHarness(dir);
    HttpResponse<String> refused = h.send(h.post("/api/v1/events",
        "[{\"service\":\"platform\",\"endpoint\":\"/assign-courier\",\"status\":200}]")
        .header("Idempotency-Key", "fix-1"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("accepted").asInt()).isZero();
    HttpResponse<String> corrected = h.send(h.post("/api/v1/events",
        "[" + event("/assign-courier", 200, 5) + "]").header("Idempotency-Key", "fix-1"));
    assertThat(corrected.statusCode()).isEqualTo(202);
    assertThat(json(corrected).get("accepted").asInt()).isEqualTo(1);
    assertThat(json(corrected).has("duplicate")).isFalse();
    assertThat(h.server.store().minuteBuckets("assign-courier-success", minute, minute + 1))
        .containsExactly(new MinuteBucket(minute, 1, 1));
  }

  @Test
  void aKeyReusedWithADifferentBodyIs422AndCountsNothing() throws Exception {
    h = new ServerHarness(dir);
    assertThat(h.send(h.post("/api/v1/events", "[" + event("/assign-courier", 200, 5) + "]")
        .header("Idempotency-Key", "k-1")).statusCode()).isEqualTo(202);
    HttpResponse<String> reused = h.send(h.post("/api/v1/events", "[" + event("/assign-courier",
        500, 5) + "," + event("/assign-courier", 500, 5) + "]").header("Idempotency-Key", "k-1"));
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(json(reused).get("error").asText()).isEqualTo("Idempotency-Key: 'k-1' was used "
        + "before for a different body. Expected the same body to retry a batch, or a new key "
        + "for a new batch");
    assertThat(h.server.store().minuteBuckets("assign-courier-success", minute, minute + 1))
        .containsExactly(new MinuteBucket(minute, 1, 1));
  }

  @Test
  void newlineDelimitedJsonIsAccepted() throws Exception {
    h = new ServerHarness(dir);
    HttpResponse<String> r = h.send(h.post("/api/v1/events",
        event("/assign-courier", 200, 5) + "\n" + event("/assign-courier", 200, 400) + "\n"));
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(h.server.store().minuteBuckets("assign-courier-latency", minute, minute + 1))
        .containsExactly(new MinuteBucket(minute, 1, 2));
  }

  @Test
  void aRetriedBatchWithTheSameIdempotencyKeyCountsOnce() throws Exception {
    h = new ServerHarness(dir);
    String body = "[" + event("/assign-courier", 200, 5) + "]";
    assertThat(h.send(h.post("/api/v1/events", body).header("Idempotency-Key", "b-1"))
        .statusCode()).isEqualTo(202);
    HttpResponse<String> again = h.send(h.post("/api/v1/events", body)
        .header("Idempotency-Key", "b-1"));
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("duplicate").asBoolean()).isTrue();
    assertThat(h.server.store().minuteBuckets("assign-courier-success", minute, minute + 1))
        .containsExactly(new MinuteBucket(minute, 1, 1));
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    h = new ServerHarness(dir, 200, 1_000);
    HttpResponse<String> r = h.send(h.post("/api/v1/events", "[" + event("/faq", 200, 1) + ","
        + event("/faq", 200, 1) + "," + event("/faq", 200, 1) + "]"));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r).get("error").asText()).contains("over the limit of 200 bytes");
  }

  @Test
  void tokensAreCheckedAndScoped() throws Exception {
    h = new ServerHarness(dir);
    HttpRequest.Builder none = HttpRequest.newBuilder(h.uri("/api/v1/events"))
        .POST(HttpRequest.BodyPublishers.ofString("[]"));
    assertThat(h.send(none).statusCode()).isEqualTo(401);
    h.server.store().saveToken(new ApiToken("reader", ApiTokens.hash("read-only"),
        Set.of(ApiTokens.READ), now));
    HttpResponse<String> r = h.send(h.post("/api/v1/events", "[]")
        .setHeader("Authorization", "Bearer read-only"));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).get("error").asText()).isEqualTo("token 'reader' lacks scope events:write");
  }

  @Test
  void aLockedDatabaseAnswers503AndIngestionResumesWhenItIsFree() throws Exception {
    h = new ServerHarness(dir);
    String body = "[" + event("/assign-courier", 200, 5) + "]";
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nines.db"));
        Statement s = lock.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      HttpResponse<String> r = h.send(h.post("/api/v1/events", body).header("Idempotency-Key", "x"));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).contains("5");
      s.execute("ROLLBACK");
    }
    HttpResponse<String> retry = h.send(h.post("/api/v1/events", body).header("Idempotency-Key", "x"));
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(h.server.store().minuteBuckets("assign-courier-success", minute, minute + 1))
        .containsExactly(new MinuteBucket(minute, 1, 1));
  }

  @Test
  void aSaturatedWriterAnswers429WithRetryAfterAndDropsNothing() throws Exception {
    h = new ServerHarness(dir, 1 << 20, 1);
    String body = "[" + event("/assign-courier", 200, 5) + "]";
    assertThat(h.send(h.post("/api/v1/events", body).header("Idempotency-Key", "s-0"))
        .statusCode()).isEqualTo(202);
    List<String> keys = List.of("s-1", "s-2", "s-3");
    List<Integer> answers = new java.util.ArrayList<>();
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nines.db"));
        Statement s = lock.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      CompletableFuture<HttpResponse<String>> first = h.sendAsync(h.post("/api/v1/events", body)
          .header("Idempotency-Key", keys.get(0)));
      long taken = System.nanoTime() + 10_000_000_000L;
      while (!h.server.writer().committing() && System.nanoTime() < taken) {
        Thread.sleep(5);                     // until the writer has taken it and waits for the lock
      }
      assertThat(h.server.writer().committing()).as("first batch in a commit").isTrue();
      CompletableFuture<HttpResponse<String>> second = h.sendAsync(h.post("/api/v1/events", body)
          .header("Idempotency-Key", keys.get(1)));
      long deadline = System.nanoTime() + 1_500_000_000L;
      while (h.server.writer().queuedEvents() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(h.server.writer().queuedEvents()).as("second batch queued").isEqualTo(1);
      HttpResponse<String> third = h.send(h.post("/api/v1/events", body)
          .header("Idempotency-Key", keys.get(2)));
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).contains("1");
      s.execute("ROLLBACK");
      answers.add(first.get().statusCode());
      answers.add(second.get().statusCode());
      answers.add(third.statusCode());
    }
    assertThat(answers.subList(0, 2)).allMatch(code -> code == 202 || code == 503);
    long acknowledged = 1 + answers.stream().filter(code -> code == 202).count();
    assertThat(h.server.store().minuteBuckets("assign-courier-success", minute, minute + 1))
        .as("every batch answered 202 is stored, none refused is")
        .containsExactly(new MinuteBucket(minute, acknowledged, acknowledged));
    for (int i = 0; i < keys.size(); i++) {
      if (answers.get(i) != 202) {         // a client resends what was refused, with its key
        assertThat(h.send(h.post("/api/v1/events", body).header("Idempotency-Key", keys.get(i)))
            .statusCode()).isEqualTo(202);
      }
    }
    assertThat(h.server.store().minuteBuckets("assign-courier-success", minute, minute + 1))
        .containsExactly(new MinuteBucket(minute, 4, 4));
    h.server.live().tick(now.plusSeconds(60));
    assertThat(h.server.live().view("assign-courier-success").status().window().valid())
        .isEqualTo(4);
  }

  @Test
  void aMalformedBodyIs400AndUnknownPathsAreJson404() throws Exception {
    h = new ServerHarness(dir);
    HttpResponse<String> bad = h.send(h.post("/api/v1/events", "{nope"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").asText()).startsWith("not JSON or JSON lines:");
    HttpResponse<String> missing = h.get("/api/v1/nothing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("error").asText()).isEqualTo("no such resource: /api/v1/nothing");
  }

  @Test
  void observationsOfAnExternalMonitorAreStoredAndOtherSubjectsRefused() throws Exception {
    h = new ServerHarness(dir);
    HttpResponse<String> ok = h.send(h.post("/api/v1/observations", "[{\"subject\":"
        + "\"courier-gateway\",\"time\":\"" + now + "\",\"state\":\"ERROR\",\"message\":\"503\"}]"));
    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(h.server.store().observations("courier-gateway", now, now.plusSeconds(1)))
        .extracting(o -> o.region() + " " + o.state()).containsExactly("courier-partner ERROR");
    assertThat(h.server.probes().latest("courier-gateway").get("courier-partner").observation()
        .state()).isEqualTo(dev.nines.uptime.State.ERROR);
    HttpResponse<String> bad = h.send(h.post("/api/v1/observations", "[{\"subject\":"
        + "\"platform\",\"time\":\"" + now + "\",\"state\":\"OK\"}, {\"subject\":"
        + "\"courier-gateway\",\"time\":\"" + now + "\",\"state\":\"OK\",\"region\":\"mars\"}]"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("errors")).extracting(JsonNode::asText).containsExactly(
        "[0].subject: 'platform' is not an external monitor. Expected the name of a monitor of "
            + "kind: external, one of courier-gateway",
        "[1].region: 'mars' is not a source of courier-gateway. Expected one of courier-partner");
  }

  @Test
  void acknowledgedEventsAppearInMetrics() throws Exception {
    h = new ServerHarness(dir);
    h.send(h.post("/api/v1/events", "[" + event("/assign-courier", 200, 120) + ","
        + event("/assign-courier", 503, 5) + "]"));
    String metrics = h.get("/metrics").body();
    assertThat(metrics).contains(
        "nines_requests_total{service=\"platform\",endpoint=\"/assign-courier\",code=\"200\"} 1",
        "nines_requests_total{service=\"platform\",endpoint=\"/assign-courier\",code=\"503\"} 1",
        "nines_request_duration_seconds_bucket{service=\"platform\",endpoint=\"/assign-courier\",le=\"0.3\"} 2",
        "nines_request_duration_seconds_count{service=\"platform\",endpoint=\"/assign-courier\"} 2");
  }

  @Test
  void healthAndReadiness() throws Exception {
    h = new ServerHarness(dir);
    assertThat(h.get("/healthz").body()).isEqualTo("ok");
    HttpResponse<String> ready = h.get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(json(ready).get("store").asText()).isEqualTo("sqlite");
    assertThat(json(ready).get("writable").asBoolean()).isTrue();
  }

  @Test
  void aStoreThatTakesNoWriteIsNotReady() throws Exception {
    h = new ServerHarness(dir);
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nines.db"));
        Statement s = lock.createStatement()) {
      s.execute("BEGIN EXCLUSIVE");
      HttpResponse<String> r = h.get("/readyz");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(json(r).get("ready").asBoolean()).isFalse();
      assertThat(json(r).get("writable").asBoolean()).isFalse();
      s.execute("ROLLBACK");
    }
    assertThat(h.get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void slosShowCountsOnceTheMinuteIsComplete() throws Exception {
    h = new ServerHarness(dir);
    h.send(h.post("/api/v1/events", "[" + event("/assign-courier", 200, 5) + ","
        + event("/assign-courier", 500, 5) + "]"));
    h.server.live().tick(now.plusSeconds(60));
    JsonNode slo = json(h.get("/api/v1/slos/assign-courier-success"));
    assertThat(slo.get("good").asLong()).isEqualTo(1);
    assertThat(slo.get("valid").asLong()).isEqualTo(2);
    assertThat(slo.get("burnRates").get(0).get("longBurn").asDouble()).isEqualTo(1000.0);
    assertThat(h.get("/api/v1/slos/nope").statusCode()).isEqualTo(404);
  }
}
