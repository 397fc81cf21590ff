package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.store.PostgresStoreTest;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.WallClock;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of a stream of batches: the server is a child process killed while
 * requests are in flight, restarted on the same store, and sent again every batch it had not
 * acknowledged, with the same Idempotency-Key, as a client would. Then every event of every
 * batch is counted exactly once.
 */
class EventsCrashIT {
  private static final int BATCHES = 600;
  private static final int EVENTS_PER_BATCH = 200;
  private static final int SENDERS = 4;
  /** What the JVM reports for a child ended by signal 9: 128 + 9. */
  private static final int KILLED_BY_SIGKILL = 137;

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final long newestMinute = WallClock.now().getEpochSecond() / 60 - 2;

  @Test
  void everyBatchIsCountedOnceAfterSigkillAndResendWithSqlite() throws Exception {
    Path data = dir.resolve("data");
    crashResendAndCheck(null, data, "jdbc:sqlite:" + data.resolve("nines.db"));
  }

  @Test
  void everyBatchIsCountedOnceAfterSigkillAndResendWithPostgresql() throws Exception {
    String url = PostgresStoreTest.url();
    PostgresStoreTest.reset(url);
    crashResendAndCheck(url, dir.resolve("data"), url);
  }

  private void crashResendAndCheck(String dbUrl, Path data, String jdbcUrl) throws Exception {
    KnownBatches all = new KnownBatches("crash", BATCHES, EVENTS_PER_BATCH, newestMinute, 30);
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    List<String> unexpected = new CopyOnWriteArrayList<>();
    AtomicInteger broken = new AtomicInteger();
    try (ChildServer first = ChildServer.start(data, dbUrl, dir, "first")) {
      AtomicBoolean killed = new AtomicBoolean();
      AtomicInteger next = new AtomicInteger();
      List<Thread> senders = new ArrayList<>();
      for (int s = 0; s < SENDERS; s++) {
        senders.add(Thread.ofPlatform().start(() -> {
          int i;
          while (!killed.get() && (i = next.getAndIncrement()) < BATCHES) {
            try {
              HttpResponse<String> r = send(first, all.batches().get(i));
              if (r.statusCode() == 202) {
                acknowledged.add(i);
              } else {
                unexpected.add(i + ": " + r.statusCode() + " " + r.body());
              }
            } catch (IOException e) {
              broken.incrementAndGet();            // in flight when the server died
            } catch (InterruptedException e) {
              return;
            }
          }
        }));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (acknowledged.size() < BATCHES / 3 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      killed.set(true);
      assertThat(first.kill()).as("exit code of a process ended by SIGKILL")
          .isEqualTo(KILLED_BY_SIGKILL);
      for (Thread t : senders) {
        t.join(Duration.ofSeconds(30));
      }
      assertThat(unexpected).as("answers other than 202 before the kill").isEmpty();
      assertThat(acknowledged.size()).as("acknowledged before the kill")
          .isBetween(BATCHES / 3, BATCHES - 1);
    }

    int duplicates = 0;
    try (ChildServer second = ChildServer.start(data, dbUrl, dir, "second")) {
      for (KnownBatches.Batch b : all.batches()) {
        if (acknowledged.contains(b.index())) {
          continue;
        }
        HttpResponse<String> r = send(second, b);
        assertThat(r.statusCode()).as("re-sent batch %d: %s", b.index(), r.body()).isEqualTo(202);
        if (r.body().contains("\"duplicate\":true")) {
          duplicates++;                             // committed, but the answer was lost
        }
      }
      second.stop();
    }
    assertThat(duplicates).as("batches committed whose answer was lost in the kill")
        .isLessThanOrEqualTo(broken.get());
    try (Store store = Stores.open(dbUrl, data, null, null)) {
      all.assertEachCountedOnce(store, jdbcUrl);
    }
  }

  private HttpResponse<String> send(ChildServer server, KnownBatches.Batch b)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(server.uri("/api/v1/events"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + ChildServer.TOKEN)
        .header("Idempotency-Key", b.key())
        .POST(HttpRequest.BodyPublishers.ofString(b.body())).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
