package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.server.NinesServer;
import dev.nines.testing.FakeClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} series of request events come from the spec, never from request bodies:
 * only routed events count, endpoints the spec does not name share the label {@code other},
 * and histogram bounds follow the spec in force after a reload.
 */
class RequestMetricsLabelsTest {
  static final String TOKEN = "metrics-labels-token";
  static final Instant NOW = FakeClock.NOW.truncatedTo(ChronoUnit.MINUTES);
  @TempDir Path dir;
  NinesServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Path start() throws Exception {
    Path spec = dir.resolve("logistics.yaml");
    Files.copy(Path.of("examples/logistics.yaml"), spec);
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 10_000, TOKEN), new FakeClock());
    return spec;
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + path)).header("Authorization", "Bearer " + TOKEN)
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String event(String service, String endpoint, Instant time) {
    return "{\"service\":\"" + service + "\",\"endpoint\":\"" + endpoint + "\",\"status\":200,"
        + "\"durationMs\":270,\"time\":\"" + time + "\"}";
  }

  @Test
  void onlyRoutedEventsCountAndUnknownEndpointsShareOneLabel() throws Exception {
    start();
    send("POST", "/api/v1/events", "[" + event("platform", "/track-delivery/123", NOW) + ","
        + event("platform", "/track-delivery/456", NOW) + ","
        + event("ghost", "/anything", NOW) + ","
        + event("platform", "/rejected-too-old", NOW.minus(500, ChronoUnit.DAYS)) + ","
        + event("platform", "/assign-courier", NOW) + "]");
    String metrics = send("GET", "/metrics", "").body();
    assertThat(metrics).contains(
        "nines_requests_total{service=\"platform\",endpoint=\"other\",code=\"200\"} 2",
        "nines_requests_total{service=\"platform\",endpoint=\"/assign-courier\",code=\"200\"} 1")
        .doesNotContain("ghost", "/track-delivery/123", "/rejected-too-old");
  }

  @Test
  void histogramBoundsFollowTheSpecAfterAReload() throws Exception {
    Path spec = start();
    send("POST", "/api/v1/events", "[" + event("platform", "/assign-courier", NOW) + "]");
    assertThat(send("GET", "/metrics", "").body()).contains("nines_request_duration_seconds_bucket"
        + "{service=\"platform\",endpoint=\"/assign-courier\",le=\"0.3\"} 1");
    Files.writeString(spec, Files.readString(spec).replace("threshold: 300ms", "threshold: 270ms"));
    server.reload();
    send("POST", "/api/v1/events", "[" + event("platform", "/assign-courier", NOW) + "]");
    assertThat(send("GET", "/metrics", "").body()).contains("nines_request_duration_seconds_bucket"
        + "{service=\"platform\",endpoint=\"/assign-courier\",le=\"0.27\"} 1")
        .doesNotContain("le=\"0.3\"");
  }
}
