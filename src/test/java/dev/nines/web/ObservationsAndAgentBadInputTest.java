package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.testing.FakeClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Observations and agent results take times in the same window as events (400 days back,
 * minutes ahead), and every bad body is a JSON 400 in the house shape, naming the item and
 * field and no Java class.
 */
class ObservationsAndAgentBadInputTest {
  static final String WINDOW = "Expected within the last 400 days and at most 5 minutes ahead "
      + "of the server clock";
  @TempDir static Path dir;
  static ServerHarness h;
  static final Instant NOW = FakeClock.NOW;
  static int keys;

  @BeforeAll
  static void start() throws Exception {
    h = new ServerHarness(dir);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static HttpResponse<String> observe(String body) throws Exception {
    return h.send(h.post("/api/v1/observations", body));
  }

  private static HttpResponse<String> results(String body) throws Exception {
    return h.send(h.post("/api/v1/agent/results", body).header("Idempotency-Key", "k" + keys++));
  }

  private static String observation(String time) {
    return "{\"subject\":\"courier-gateway\",\"time\":\"" + time + "\",\"state\":\"OK\"}";
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    assertThat(r.body()).doesNotContain("dev.nines", "java.", "Exception", "com.fasterxml");
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void observationTimesThreeHundredMillionYearsAwayAreOutsideTheWindow() throws Exception {
    for (String t : new String[] {"+300000000-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z",
        "9999-01-01T00:00:00Z", NOW.minus(401, ChronoUnit.DAYS).toString()}) {
      assertThat(json(observe("[" + observation(t) + "]")).get("errors").get(0).asText())
          .isEqualTo("[0].time: " + t + " is outside what is kept. " + WINDOW);
    }
    assertThat(h.server.store().observations("courier-gateway", Instant.EPOCH,
        Instant.parse("9999-12-31T00:00:00Z"))).isEmpty();
  }

  @Test
  void anObservationInTheWindowIsStillStored() throws Exception {
    HttpResponse<String> r = observe(observation(NOW.plusSeconds(60).toString()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  @Test
  void contentAfterTheObservationsIsRefused() throws Exception {
    String one = "[" + observation(NOW.toString()) + "]";
    assertThat(json(observe(one + "[" + observation(NOW.toString()) + "]")).get("error").asText())
        .isEqualTo("line 1, column " + (one.length() + 1) + ": content after the JSON value. "
            + "Expected one JSON value");
    assertThat(json(observe(one + " garbage")).get("error").asText()).startsWith("not JSON: ");
  }

  @Test
  void aNullObservationIsAnItemError() throws Exception {
    assertThat(json(observe("[null]")).get("errors").get(0).asText())
        .isEqualTo("[0]: is null. Expected an object {subject, time, state}");
  }

  @Test
  void aNullAttemptIsAJson400WithoutClassNames() throws Exception {
    assertThat(json(results("{\"region\":\"us-east\",\"attempts\":[null]}")).get("error")
        .asText()).isEqualTo("attempts[0]: is null. Expected an attempt object");
  }

  @Test
  void agentResultsOfTheWrongShapeNameTheirField() throws Exception {
    assertThat(json(results("{\"region\":\"us-east\",\"attempts\":[{\"monitor\":"
        + "\"platform-health\",\"startedAt\":\"soon\",\"ok\":true}]}")).get("error").asText())
        .isEqualTo("attempts[0].startedAt: is text. Expected epoch milliseconds");
    assertThat(json(results("{\"region\":\"us-east\",\"attempts\":{}}")).get("error").asText())
        .isEqualTo("attempts: is an object. Expected a list");
    assertThat(json(results("{\"region\":\"us-east\",\"colour\":1}")).get("error").asText())
        .isEqualTo("colour: unknown field. Expected region, attempts, states, latest");
    assertThat(json(results("[]")).get("error").asText())
        .isEqualTo("body: is a list. Expected an agent payload object {region, attempts, "
            + "states, latest}");
  }

  @Test
  void aLatestStateFarInTheFutureIsRefusedAndPinsNothing() throws Exception {
    long far = 1L << 62;
    assertThat(json(results("{\"region\":\"us-east\",\"latest\":[{\"monitor\":"
        + "\"platform-health\",\"time\":" + far + ",\"state\":\"ERROR\"}]}")).get("error")
        .asText()).isEqualTo("latest[0].time: " + far + " is outside what is kept. " + WINDOW);
    assertThat(h.server.probes().latest("platform-health")).doesNotContainKey("us-east");
  }

  @Test
  void attemptsAndStatesOutsideTheWindowAreRefused() throws Exception {
    long year9999 = Instant.parse("9999-01-01T00:00:00Z").toEpochMilli();
    assertThat(json(results("{\"region\":\"us-east\",\"attempts\":[{\"monitor\":"
        + "\"platform-health\",\"startedAt\":" + year9999 + ",\"ok\":true}]}")).get("error")
        .asText()).isEqualTo("attempts[0].startedAt: " + year9999 + " is outside what is kept. "
            + WINDOW);
    long old = NOW.minus(401, ChronoUnit.DAYS).toEpochMilli();
    assertThat(json(results("{\"region\":\"us-east\",\"states\":[{\"monitor\":"
        + "\"platform-health\",\"time\":" + old + ",\"state\":\"OK\"}]}")).get("error")
        .asText()).isEqualTo("states[0].time: " + old + " is outside what is kept. " + WINDOW);
  }

  @Test
  void agentResultsInTheWindowAreAccepted() throws Exception {
    long t = NOW.toEpochMilli();
    HttpResponse<String> r = results("{\"region\":\"us-east\",\"attempts\":[{\"monitor\":"
        + "\"platform-health\",\"startedAt\":" + t + ",\"ok\":true,\"status\":200,\"totalMs\":"
        + "12.5}],\"states\":[{\"monitor\":\"platform-health\",\"time\":" + t
        + ",\"state\":\"OK\"}]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }
}
