package dev.nines.ingest.prometheus;

import static dev.nines.ingest.prometheus.PromFixture.M0;
import static dev.nines.ingest.prometheus.PromFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nines.ingest.IngestWriter;
import dev.nines.spec.SpecReader;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The puller against a real Prometheus, a real SQLite store and the real ingest writer. */
@ExtendWith(TestPrometheus.Extension.class)
class PrometheusPullerTest {
  static URI prometheus;
  static List<PrometheusSli> slis;

  @TempDir Path dir;
  Store store;
  IngestWriter writer;
  final List<IngestBatch> applied = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void connect(TestPrometheus prom) throws Exception {
    prometheus = prom.url();
    slis = PrometheusSli.select(SpecReader.read("t.yaml", PromFixture.spec()).spec()).slis();
  }

  @BeforeEach
  void open() {
    store = Stores.open(null, dir, null, null);
    writer = new IngestWriter(store, 1_000_000, applied::addAll);
  }

  @AfterEach
  void close() {
    writer.close();
    store.close();
  }

  private PrometheusPuller puller(URI url, List<PrometheusSli> which, FakeClock clock) {
    return new PrometheusPuller(new PrometheusClient(url, Duration.ofSeconds(10)), which, writer,
        clock);
  }

  /** The moment minute {@code T0 + minutes} is due: its end has settled. */
  private static Instant settled(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes)).plus(PrometheusPuller.SETTLE);
  }

  private void assertStored(int from, int to) {
    for (String slo : PromFixture.SLOS) {
      assertThat(store.minuteBuckets(slo, M0 - 100, M0 + 100)).as(slo)
          .isEqualTo(PromFixture.expected(slo, from, to));
    }
  }

  @Test
  void aStartCatchesUpThenEachEndedMinuteIsPulledOnceItHasSettled() {
    FakeClock clock = new FakeClock(settled(4));
    PrometheusPuller puller = puller(prometheus, slis, clock);
    assertThat(puller.pullDue()).isEqualTo(new PrometheusPuller.Pull(12, 0, List.of()));
    assertStored(0, 4);
    clock.advance(Duration.ofSeconds(59));
    assertThat(puller.pullDue()).isEqualTo(new PrometheusPuller.Pull(0, 0, List.of()));
    clock.advance(Duration.ofSeconds(1));
    assertThat(puller.pullDue()).isEqualTo(new PrometheusPuller.Pull(3, 0, List.of()));
    assertStored(0, 5);
    assertThat(applied).hasSize(15);
  }

  @Test
  void catchingUpReachesBackOneHourAndLeavesOlderMinutesToBackfill() {
    PrometheusPuller puller = puller(prometheus, slis, new FakeClock(settled(65)));
    assertThat(puller.pullDue()).isEqualTo(new PrometheusPuller.Pull(15, 0, List.of()));
    assertStored(5, 10);
  }

  @Test
  void aRestartPullsTheSameMinutesAgainWithoutCountingThemTwice() {
    assertThat(puller(prometheus, slis, new FakeClock(settled(10))).pullDue())
        .isEqualTo(new PrometheusPuller.Pull(30, 0, List.of()));
    assertThat(puller(prometheus, slis, new FakeClock(settled(10))).pullDue())
        .isEqualTo(new PrometheusPuller.Pull(0, 30, List.of()));
    assertStored(0, 10);
    assertThat(applied).hasSize(30);
  }

  @Test
  void aSloWithABadQueryIsReportedWhileTheOthersArePulled() {
    List<PrometheusSli> withBroken = new ArrayList<>(slis);
    withBroken.add(new PrometheusSli("broken", "sum(rate(x[1m])", null, "sum(rate(y[1m]))", null));
    assertThat(puller(prometheus, withBroken, new FakeClock(settled(10))).pullDue())
        .isEqualTo(new PrometheusPuller.Pull(30, 0, List.of("slo 'broken': sum(rate(x[1m]): "
            + "Prometheus rejected the query: 1:16: parse error: unclosed left parenthesis")));
    assertStored(0, 10);
  }

  @Test
  void minutesMissedWhilePrometheusIsDownArePulledWhenItIsBack() throws Exception {
    try (Gate gate = new Gate(prometheus)) {
      FakeClock clock = new FakeClock(settled(3));
      PrometheusPuller puller = puller(gate.url(), slis, clock);
      String down = "Prometheus at " + gate.url() + " answered HTTP 503 without an API response. "
          + "Expected the base URL of a Prometheus server, e.g. http://localhost:9090";
      assertThat(puller.pullDue()).isEqualTo(new PrometheusPuller.Pull(0, 0, List.of(
          "slo 'checkout-good': " + down, "slo 'checkout-bad': " + down,
          "slo 'checkout-ratio': " + down)));
      gate.open = true;
      clock.set(settled(5));
      assertThat(puller.pullDue()).isEqualTo(new PrometheusPuller.Pull(15, 0, List.of()));
      assertStored(0, 5);
    }
  }

  /** A proxy in front of Prometheus that answers 503 until it is opened. */
  static final class Gate implements AutoCloseable {
    final HttpServer server;
    final HttpClient http = HttpClient.newHttpClient();
    volatile boolean open;

    Gate(URI target) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> forward(target, exchange));
      server.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void forward(URI target, HttpExchange exchange) throws IOException {
      int status = 503;
      byte[] body = "down".getBytes();
      if (open) {
        try {
          HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
                  target.resolve(exchange.getRequestURI().toString()))
              .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"))
              .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()))
              .build(), HttpResponse.BodyHandlers.ofByteArray());
          status = r.statusCode();
          body = r.body();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }

    @Override public void close() {
      server.stop(0);
    }
  }
}
