package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.testing.FakeClock;
import dev.nines.testing.Mutator;
import dev.nines.testing.RawHttp;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the ingestion API: mutated event batches, observations and agent results,
 * and mutated raw requests, against a real server. No answer is a 5xx, every answer is JSON in
 * the house shape ({@code error}, or {@code accepted}), and none names a Java class.
 */
class ApiFuzzTest {
  /** The seed; -Dnines.fuzz.seed=N explores others (a failure names the seed to replay). */
  static final long SEED = Long.getLong("nines.fuzz.seed", 9);
  static final String NOW = FakeClock.NOW.toString();
  static final long NOW_MS = FakeClock.NOW.toEpochMilli();
  @TempDir static Path dir;
  static ServerHarness h;
  static int keys;

  static final String EVENTS = "[{\"service\":\"platform\",\"endpoint\":\"/assign-courier\","
      + "\"status\":201,\"durationMs\":120,\"time\":\"" + NOW + "\",\"layer\":\"api\"},"
      + "{\"service\":\"platform\",\"endpoint\":\"/track-delivery\",\"status\":200,"
      + "\"durationMs\":80.5,\"time\":" + NOW_MS + ",\"processedTime\":\"" + NOW + "\"},"
      + "{\"service\":\"platform\",\"endpoint\":\"/fetch-orders\",\"failed\":true,"
      + "\"time\":\"" + NOW + "\"}]";
  static final String OBSERVATIONS = "[{\"subject\":\"platform\",\"time\":\"" + NOW + "\","
      + "\"state\":\"ERROR\",\"region\":\"external\",\"message\":\"cdn down\"},"
      + "{\"subject\":\"platform-health\",\"time\":\"" + NOW + "\",\"state\":\"OK\"}]";
  static final String RESULTS = "{\"region\":\"us-east\",\"attempts\":[{\"monitor\":"
      + "\"platform-health\",\"startedAt\":" + NOW_MS + ",\"ok\":false,\"status\":503,\"error\":"
      + "\"HTTP 503\",\"dnsMs\":1.5,\"connectMs\":3,\"tlsMs\":null,\"firstByteMs\":40,"
      + "\"totalMs\":45.5,\"steps\":null}],\"states\":[{\"monitor\":\"platform-health\",\"time\":"
      + NOW_MS + ",\"state\":\"ERROR\",\"message\":\"HTTP 503\"}],\"latest\":[{\"monitor\":"
      + "\"platform-health\",\"time\":" + NOW_MS + ",\"state\":\"UNKNOWN\",\"message\":null}]}";

  @BeforeAll
  static void start() throws Exception {
    h = new ServerHarness(dir);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void mutatedEventBatchesGetNo5xx() throws Exception {
    fuzz("/api/v1/events", EVENTS, 200);
  }

  @Test
  void mutatedObservationsGetNo5xx() throws Exception {
    fuzz("/api/v1/observations", OBSERVATIONS, 150);
  }

  @Test
  void mutatedAgentResultsGetNo5xx() throws Exception {
    fuzz("/api/v1/agent/results", RESULTS, 150);
  }

  @Test
  void mutatedRawRequestsGetNo5xxAndNoHtml() throws Exception {
    Mutator m = new Mutator(SEED);
    String seed = "POST /api/v1/events?x=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
        + "Bearer " + ServerHarness.TOKEN + "\r\nContent-Type: application/json\r\n"
        + "Idempotency-Key: k";
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String head = m.text(seed).replace("\n", "\r\n").replace("\r\r\n", "\r\n");
      RawHttp.Answer a;
      try (RawHttp c = new RawHttp(h.server.port())) {
        a = c.send(head.strip(), EVENTS);
      } catch (IOException e) {
        continue;                 // the server may close a connection it cannot parse
      }
      // A page request without a session is sent to sign in: a redirect, not an error.
      String problem = a.status() / 100 == 3 && a.header("Location") != null ? null
          : problem(a.status(), a.header("Content-Type"), a.body());
      if (problem != null) {
        failures.add(problem + "\n--- request ---\n" + head + "\n--- answer ---\n" + a.body());
      }
    }
    assertThat(failures).as("first: %s", failures.isEmpty() ? "" : failures.get(0)).isEmpty();
  }

  private static void fuzz(String path, String seed, int cases) throws Exception {
    Mutator m = new Mutator(SEED + path.hashCode());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      byte[] body = m.bytes(seed);
      HttpRequest.Builder r = HttpRequest.newBuilder(h.uri(path)).timeout(Duration.ofSeconds(10))
          .header("Authorization", "Bearer " + ServerHarness.TOKEN)
          .header("Idempotency-Key", "fuzz-" + keys++)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      HttpResponse<String> answer = h.send(r);
      String problem = problem(answer.statusCode(),
          answer.headers().firstValue("Content-Type").orElse(""), answer.body());
      if (problem != null) {
        failures.add(problem + " (case " + i + ", seed " + SEED + ")\n--- body ---\n"
            + new String(body, java.nio.charset.StandardCharsets.ISO_8859_1) + "\n--- answer ---\n"
            + answer.body());
      }
    }
    assertThat(failures).as("%d of %d failed; first: %s", failures.size(), cases,
        failures.isEmpty() ? "" : failures.get(0)).isEmpty();
  }

  /** What is wrong with an answer, or null. */
  static String problem(int status, String contentType, String body) {
    if (status >= 500) {
      return "status " + status;
    }
    if (contentType == null || !contentType.startsWith("application/json")) {
      return "content type " + contentType;
    }
    for (String marker : List.of("Exception", "dev.nines.", "java.", "com.fasterxml",
        "org.eclipse", "<html")) {
      if (body.contains(marker)) {
        return "names " + marker;
      }
    }
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      if (!json.hasNonNull("error") && !json.has("accepted")) {
        return "neither error nor accepted";
      }
      if (json.has("error") && json.get("error").asText().isBlank()) {
        return "empty error";
      }
    } catch (IOException e) {
      return "not JSON";
    }
    return null;
  }
}
