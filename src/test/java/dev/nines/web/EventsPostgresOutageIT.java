package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.store.PostgresStoreTest;
import dev.nines.testing.FakeClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL going away under a running server: a cluster of the test's own is stopped and
 * started again while batches keep coming. The API answers 503 with Retry-After meanwhile,
 * /readyz says not ready, and once PostgreSQL is back the same server takes batches again.
 */
class EventsPostgresOutageIT {
  @TempDir Path dir;
  ThrowawayPostgres pg;
  ServerHarness h;
  final long newestMinute = FakeClock.NOW.getEpochSecond() / 60 - 2;  // the harness runs on FakeClock

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void postgresGoingAwayAnswers503LosesNothingAndIngestionResumesWhenItIsBack() throws Exception {
    PostgresStoreTest.url();            // PostgreSQL is there for tests (required under CI)
    pg = ThrowawayPostgres.start();
    h = new ServerHarness(dir, pg.url(), 1 << 20, 1_000_000);
    KnownBatches all = new KnownBatches("outage", 30, 100, newestMinute, 20);
    List<KnownBatches.Batch> batches = all.batches();
    for (KnownBatches.Batch b : batches.subList(0, 10)) {
      assertThat(h.send(b).statusCode()).isEqualTo(202);
    }

    pg.stop();
    List<CompletableFuture<HttpResponse<String>>> during = new ArrayList<>();
    for (KnownBatches.Batch b : batches.subList(10, 15)) {
      during.add(h.sendAsync(h.post("/api/v1/events", b.body())
          .header("Idempotency-Key", b.key())));
    }
    for (CompletableFuture<HttpResponse<String>> f : during) {
      HttpResponse<String> r = f.get();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).contains("5");
      assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo(
          "the store is unavailable; nothing of this batch was kept. Retry later");
    }
    HttpResponse<String> notReady = h.get("/readyz");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(Json.MAPPER.readTree(notReady.body()).get("ready").asBoolean()).isFalse();

    pg.restart();
    for (KnownBatches.Batch b : batches.subList(10, 30)) {
      HttpResponse<String> r = h.sendUntilAccepted(b, Duration.ofSeconds(30));
      assertThat(r.statusCode()).as("batch %d after PostgreSQL is back: %s", b.index(), r.body())
          .isEqualTo(202);
    }
    HttpResponse<String> ready = h.get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(ready.body());
    assertThat(body.get("store").asText()).isEqualTo("postgresql");
    all.assertEachCountedOnce(h.server.store(), pg.url());
  }
}
