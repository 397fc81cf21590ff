package dev.nines.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.model.SloSpec;
import dev.nines.spec.SpecException;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.nines.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTest {
  @TempDir Path dir;
  NinesServer server;

  private static final String BASE = """
      apiVersion: nines/v1
      services: [{name: web, endpoints: [{path: /a, critical: true}]}]
      slos:
        - {name: a-ok, service: web, endpoint: /a, sli: {kind: availability}, target: 99,
           window: 30d, owner: team}
      """;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aReloadAddsSlosAndKeepsWhatWasCounted() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, null), new FakeClock());
    long minute = FakeClock.NOW.getEpochSecond() / 60 - 1;
    server.store().commitIngest(List.of(new IngestBatch(null,
        List.of(new BucketDelta("a-ok", minute, 9, 10)), List.of(), 10)));
    Files.writeString(spec, BASE + """
          - {name: a-ok-week, service: web, endpoint: /a, sli: {kind: availability},
             target: 99.9, window: week, owner: team}
        """);
    server.reload();
    assertThat(server.spec().slos()).extracting(SloSpec::name).containsExactly("a-ok", "a-ok-week");
    assertThat(server.live().view("a-ok").status().window().valid()).isEqualTo(10);
    assertThat(server.live().view("a-ok-week")).isNotNull();
  }

  /**
   * A store whose reads of minute buckets for live windows, once armed, wait until released:
   * a reload that takes as long as a big store's.
   */
  private static final class SlowLoads {
    final CountDownLatch loading = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean armed;

    Store decorate(Store real) {
      return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(),
          new Class<?>[] {Store.class}, (proxy, method, args) -> {
            if (armed && method.getName().equals("forEachMinuteBucketSince")) {
              stall();
            }
            Object result = invoke(method, real, args);
            if (armed && result instanceof Store.BucketCursor cursor) {
              return new Store.BucketCursor() {
                @Override public void forEach(Store.BucketSink sink) {
                  stall();
                  cursor.forEach(sink);
                }

                @Override public void close() {
                  cursor.close();
                }
              };
            }
            return result;
          });
    }

    private void stall() {
      loading.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
      try {
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  @Test
  void batchesAreCommittedWhileAReloadLoadsTheNewWindowsAndCountedOnceInThem() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    SlowLoads slow = new SlowLoads();
    FakeClock clock = new FakeClock();
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, null), clock, slow::decorate);
    long minute = FakeClock.NOW.getEpochSecond() / 60 - 1;
    assertThat(server.writer().submit(batch(minute, 9, 10)).get(5, TimeUnit.SECONDS)).isTrue();
    Files.writeString(spec, BASE.replace("target: 99,", "target: 98,"));
    slow.armed = true;
    CompletableFuture<Void> reload = CompletableFuture.runAsync(() -> {
      try {
        server.reload();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(slow.loading.await(10, TimeUnit.SECONDS)).as("reload loading").isTrue();

    assertThat(server.writer().submit(batch(minute, 1, 5)).get(5, TimeUnit.SECONDS))
        .as("committed while the reload loads").isTrue();
    assertThat(server.spec().slos().get(0).target().percent()).isEqualByComparingTo("99");
    slow.release.countDown();
    reload.get(10, TimeUnit.SECONDS);
    slow.armed = false;
    assertThat(server.writer().submit(batch(minute, 2, 2)).get(5, TimeUnit.SECONDS)).isTrue();

    assertThat(server.spec().slos().get(0).target().percent()).isEqualByComparingTo("98");
    assertThat(server.live().counts("a-ok", java.time.Duration.ofDays(30)))
        .isEqualTo(new dev.nines.slo.Counts(12, 17));
    assertThat(server.store().minuteBuckets("a-ok", minute, minute + 1))
        .containsExactly(new dev.nines.store.MinuteBucket(minute, 12, 17));
    assertThat(server.live().totalsSinceStart("a-ok")).containsExactly(12, 17);
  }

  private static IngestBatch batch(long minute, long good, long valid) {
    return new IngestBatch(null, List.of(new BucketDelta("a-ok", minute, good, valid)),
        List.of(), (int) valid);
  }

  @Test
  void theStoreKnowsTheClientsOfTheSpecInForce() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, null), new FakeClock());
    assertThat(server.store().specClients()).contains(List.of());
    Files.writeString(spec, BASE.replace("services:", "clients: [{name: acme}, {name: globex}]\n"
        + "services:").replace("{name: web,", "{name: web, client: acme,"));
    server.reload();
    assertThat(server.store().specClients()).contains(List.of("acme", "globex"));
  }

  @Test
  void anAdminReloadsOverTheApi() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, "admin-token"), new FakeClock());
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.util.function.Supplier<java.net.http.HttpResponse<String>> post = () -> {
      try {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
            "http://127.0.0.1:" + server.port() + "/api/v1/reload"))
            .header("Authorization", "Bearer admin-token")
            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    Files.writeString(spec, BASE.replace("target: 99,", "target: 98,"));
    java.net.http.HttpResponse<String> ok = post.get();
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"reloaded\":true");
    assertThat(server.spec().slos().get(0).target().percent()).isEqualByComparingTo("98");
    Files.writeString(spec, BASE.replace("target: 99,", "target: 101,"));
    java.net.http.HttpResponse<String> bad = post.get();
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("101 is out of range");
    assertThat(server.spec().slos().get(0).target().percent()).isEqualByComparingTo("98");
  }

  @Test
  void anInvalidSpecIsRefusedAndTheOldOneStaysInForce() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, null), new FakeClock());
    Files.writeString(spec, BASE.replace("target: 99,", "target: 101,"));
    assertThatThrownBy(server::reload).isInstanceOf(SpecException.class)
        .hasMessageContaining("101 is out of range");
    assertThat(server.spec().slos().get(0).target().percent()).isEqualByComparingTo("99");
  }
}
