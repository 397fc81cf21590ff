package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.nines.testing.WallClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop from numbers to people through {@code nines serve} as a child process: an
 * hour of events at 50 % errors pages the team's webhook within two evaluation cycles, with
 * the burn rates in the body, and tells the client on the client's channel only.
 */
class AlertsServeIT {
  static final String SPEC = """
      apiVersion: nines/v1
      alerting: {evaluationInterval: 2s, groupWait: 1s}
      clients: [{name: acme, displayName: Acme Logistics}]
      services:
        - {name: platform, client: acme, endpoints: [{path: /assign-courier, critical: true}]}
      slos:
        - name: assign-courier-success
          service: platform
          endpoint: /assign-courier
          description: 99.9 % of courier assignments succeed.
          sli: {kind: availability}
          target: 99.9
          window: 30d
          owner: client
          audience: client
      channels:
        - {name: oncall, kind: webhook, audience: internal, url: "env:ONCALL_URL"}
        - {name: acme-notices, kind: webhook, audience: client, client: acme, url: "env:CLIENT_URL"}
      """;

  @TempDir Path dir;
  final List<HttpServer> receivers = new java.util.ArrayList<>();
  ChildServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    receivers.forEach(r -> r.stop(0));
  }

  /** A webhook receiver on a free port collecting the JSON bodies it gets. */
  String receiver(List<JsonNode> into) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        0);
    s.createContext("/", x -> {
      into.add(Json.MAPPER.readTree(x.getRequestBody().readAllBytes()));
      x.sendResponseHeaders(204, -1);
      x.close();
    });
    s.start();
    receivers.add(s);
    return "http://127.0.0.1:" + s.getAddress().getPort() + "/hook";
  }

  @Test
  void anHourAtHalfErrorsPagesTheTeamAndTellsTheClientOnItsOwnChannel() throws Exception {
    List<JsonNode> oncall = new CopyOnWriteArrayList<>();
    List<JsonNode> client = new CopyOnWriteArrayList<>();
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, SPEC);
    server = ChildServer.start(spec, dir.resolve("data"), null, dir, "alerts",
        Map.of("ONCALL_URL", receiver(oncall), "CLIENT_URL", receiver(client)));

    Instant now = WallClock.now();
    StringBuilder body = new StringBuilder("[");
    for (int m = 60; m >= 1; m--) {
      for (int i = 0; i < 20; i++) {
        body.append(body.length() > 1 ? "," : "").append("{\"service\":\"platform\",\"endpoint\":"
            + "\"/assign-courier\",\"status\":").append(i % 2 == 0 ? 200 : 503)
            .append(",\"durationMs\":40,\"time\":\"").append(now.minusSeconds(60L * m - i))
            .append("\"}");
      }
    }
    body.append("]");
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        server.uri("/api/v1/events")).header("Authorization", "Bearer " + ChildServer.TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    long accepted = System.nanoTime();

    JsonNode group = await(oncall, n -> "page".equals(n.path("severity").asText())
        && "firing".equals(n.path("status").asText()), Duration.ofSeconds(30));
    Duration after = Duration.ofNanos(System.nanoTime() - accepted);
    // Two evaluation cycles of 2 s, the group's 1 s wait, and the outbox's hand-off.
    assertThat(after).as("the page arrives within two cycles").isLessThan(Duration.ofSeconds(7));
    assertThat(group.path("kind").asText()).isEqualTo("alert");
    assertThat(group.path("audience").asText()).isEqualTo("internal");
    assertThat(group.path("groupLabels").path("service").asText()).isEqualTo("platform");
    assertThat(group.path("title").asText()).startsWith("platform: ");
    JsonNode page = null;
    for (JsonNode a : group.path("alerts")) {
      if (page == null && "page".equals(a.path("severity").asText())) {
        page = a;
      }
    }
    assertThat(page).as("the page in its service's group").isNotNull();
    assertThat(page.path("status").asText()).isEqualTo("firing");
    assertThat(page.path("title").asText()).startsWith("Page: assign-courier-success burns its "
        + "error budget");
    assertThat(page.path("fields").toString()).contains("Burn rate 1h / 5m")
        .contains("above 14.4×").contains("Budget left").contains("Budget gone");
    assertThat(page.path("link").asText()).startsWith("http://127.0.0.1:")
        .endsWith("/console/slos/assign-courier-success");

    JsonNode notice = await(client, n -> n.path("title").asText().startsWith("SLO violated"),
        Duration.ofSeconds(30));
    assertThat(notice.path("kind").asText()).isEqualTo("client_notice");
    assertThat(notice.path("client").asText()).isEqualTo("acme");
    assertThat(notice.path("summary").asText()).contains("99.9 % of courier assignments "
        + "succeed.");
    assertThat(client).allSatisfy(n -> assertThat(n.path("audience").asText()).isEqualTo(
        "client"));
    assertThat(oncall).allSatisfy(n -> assertThat(n.path("audience").asText()).isEqualTo(
        "internal"));
  }

  private JsonNode await(List<JsonNode> got, java.util.function.Predicate<JsonNode> match,
      Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode n : got) {
        if (match.test(n)) {
          return n;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no matching notification in " + within + "; got " + got
        + "\nserver log:\n" + server.log());
  }
}
