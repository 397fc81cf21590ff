package dev.nines.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestBenchmarkTest {
  HttpServer server;
  final Map<String, List<String>> bodiesByKey = new ConcurrentHashMap<>();
  final List<String> tokens = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** A fake events API answering each attempt at a key with {@code answer(attempt number)}. */
  private URI fake(Function<Integer, Integer> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/events", (HttpExchange x) -> {
      String key = x.getRequestHeaders().getFirst("Idempotency-Key");
      tokens.add(x.getRequestHeaders().getFirst("Authorization"));
      List<String> seen = bodiesByKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
      seen.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      int status = answer.apply(seen.size());
      if (status != 202) {
        x.getResponseHeaders().add("Retry-After", "0");
      }
      x.sendResponseHeaders(status, -1);
      x.close();
    });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/events");
  }

  private static IngestBenchmark.Options options(URI url, long maxEvents) {
    return new IngestBenchmark.Options(url, "t", List.of("[1,2]".getBytes(StandardCharsets.UTF_8),
        "[3,4]".getBytes(StandardCharsets.UTF_8)), 2, 1, Duration.ofSeconds(30), maxEvents);
  }

  @Test
  void batchesAnswered503AreSentAgainWithTheSameKeyAndBodyAndCountOnlyOnce() throws Exception {
    URI url = fake(attempt -> attempt == 1 ? 503 : 202);
    IngestResult r = new IngestBenchmark(options(url, 20)).run();
    assertThat(r.events()).isEqualTo(20);
    assertThat(r.retries()).isEqualTo(10);
    assertThat(r.requests()).isEqualTo(20);
    assertThat(r.errors()).isEmpty();
    assertThat(bodiesByKey).hasSize(10);
    assertThat(bodiesByKey.values()).allSatisfy(bodies -> {
      assertThat(bodies).hasSize(2);
      assertThat(bodies.get(1)).isEqualTo(bodies.get(0));
    });
    assertThat(tokens).containsOnly("Bearer t");
  }

  @Test
  void batchesAnsweredWithAClientErrorAreNotRetriedAndCountAsErrors() throws Exception {
    URI url = fake(attempt -> 400);
    IngestBenchmark.Options o = new IngestBenchmark.Options(url, "t",
        List.of("[1]".getBytes(StandardCharsets.UTF_8)), 1, 1, Duration.ofMillis(300), 10);
    IngestResult r = new IngestBenchmark(o).run();
    assertThat(r.events()).isZero();
    assertThat(r.retries()).isZero();
    assertThat(r.errors()).containsOnlyKeys(400);
    assertThat(r.failedBatches()).isEqualTo(bodiesByKey.size());
  }
}
