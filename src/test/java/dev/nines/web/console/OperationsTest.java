package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.store.ApiToken;
import dev.nines.testing.FakeClock;
import dev.nines.web.ApiTokens;
import dev.nines.web.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts, incidents and maintenance over the API and the console pages of a real server with
 * the seeded history (its last half hour burns the api layer's budget: a page fires).
 */
class OperationsTest {
  @TempDir static Path dir;
  static ConsoleServer s;
  static ConsoleServer.Session sam;

  @BeforeAll
  static void start() throws Exception {
    s = new ConsoleServer(dir);
    sam = s.session().signedIn("sam");
    s.server.alerts().evaluate();
    s.server.alerts().deliver();
    s.server.store().saveToken(new ApiToken("ops", ApiTokens.hash("ops-secret"),
        Set.of(ApiTokens.READ, "operate"), FakeClock.NOW));
    s.server.store().saveToken(new ApiToken("reader", ApiTokens.hash("reader-secret"),
        Set.of(ApiTokens.READ), FakeClock.NOW));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  HttpResponse<String> api(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base() + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return sam.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> session(String method, String path, String body) throws Exception {
    return sam.http.send(HttpRequest.newBuilder(URI.create(s.base() + path))
        .header("X-CSRF-Token", sam.csrf).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theBurningApiLayerPagesWithItsFiguresAndOpensAnIncident() throws Exception {
    JsonNode alerts = json(sam.get("/api/v1/alerts?state=firing&kind=burn-rate"));
    JsonNode page = null;
    for (JsonNode a : alerts.get("alerts")) {
      if (a.get("slo").asText().equals("api-internal-errors") && a.get("severity").asText()
          .equals("page")) {
        page = a;
      }
    }
    assertThat(page).as("the page of api-internal-errors fires").isNotNull();
    assertThat(page.get("title").asText()).startsWith("Page: api-internal-errors burns its "
        + "error budget");
    assertThat(page.get("figures").toString()).contains("Burn rate 1h / 5m").contains("Budget "
        + "left").contains("Budget gone");
    assertThat(page.get("link").asText()).isEqualTo("/console/slos/api-internal-errors");
    JsonNode history = json(sam.get("/api/v1/alerts/history?transition=firing&severity=page"));
    assertThat(history.get("total").asInt()).isPositive();
    JsonNode incidents = json(sam.get("/api/v1/incidents?state=open&service=platform"));
    assertThat(incidents.get("incidents").get(0).get("openedBy").asText()).isEqualTo("alert");
    String html = sam.get("/console/alerts").body();
    assertThat(html).contains("Page: api-internal-errors burns its error budget")
        .contains("<span class=\"badge page\">page</span>")
        .contains("a new group waits 30s for more, later changes go out at most every 5m");
    String slo = sam.get("/console/slos/api-internal-errors").body();
    assertThat(slo).contains("<section class=\"card\" id=\"alerts\">")
        .contains("Page: api-internal-errors burns its error budget").contains("Latest changes")
        .doesNotContain("issue");
    assertThat(sam.get("/console/monitors/platform-health").body())
        .contains("<section class=\"card\" id=\"alerts\">");
  }

  @Test
  void anIncidentOpenedByHandIsUpdatedNotedAndResolvedAndTheClientIsTold() throws Exception {
    HttpResponse<String> opened = api("POST", "/api/v1/incidents", "ops-secret",
        "{\"service\":\"globex-api\",\"title\":\"Shipping labels fail\",\"slos\":"
        + "[\"globex-ship-success\"],\"text\":\"Seen by support\"}");
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    long id = json(opened).get("id").asLong();
    assertThat(json(opened).get("openedBy").asText()).isEqualTo("token:ops");
    assertThat(json(opened).get("client").asText()).isEqualTo("globex");
    assertThat(session("POST", "/api/v1/incidents/" + id + "/updates",
        "{\"text\":\"Rolled back the label printer\"}").statusCode()).isEqualTo(200);
    assertThat(session("PUT", "/api/v1/incidents/" + id + "/root-cause",
        "{\"text\":\"A bad label template.\"}").statusCode()).isEqualTo(200);
    HttpResponse<String> resolved = api("POST", "/api/v1/incidents/" + id + "/resolve",
        "ops-secret", "{}");
    assertThat(resolved.statusCode()).isEqualTo(200);
    JsonNode i = json(resolved);
    assertThat(i.get("state").asText()).isEqualTo("resolved");
    assertThat(i.get("rootCause").asText()).isEqualTo("A bad label template.");
    assertThat(i.get("timeline").findValuesAsText("kind")).containsExactly("opened", "update",
        "note", "resolved");
    assertThat(i.get("impact").get(0).get("slo").asText()).isEqualTo("globex-ship-success");
    assertThat(api("POST", "/api/v1/incidents/" + id + "/resolve", "ops-secret", "{}")
        .statusCode()).isEqualTo(409);
    JsonNode outbox = json(sam.get("/api/v1/notifications"));
    assertThat(outbox.toString()).contains("Incident resolved: Shipping labels fail");
    String page = sam.get("/console/incidents/" + id).body();
    assertThat(page).contains("A bad label template.").contains("Rolled back the label printer");
  }

  @Test
  void writesNeedScopeOperateOrAnInternalSessionAndBadBodiesAre400() throws Exception {
    assertThat(api("POST", "/api/v1/incidents", "reader-secret",
        "{\"service\":\"platform\",\"title\":\"x\"}").statusCode()).isEqualTo(403);
    var dana = s.session().signedIn("dana");
    HttpResponse<String> client = dana.http.send(HttpRequest.newBuilder(URI.create(s.base()
        + "/api/v1/incidents")).header("X-CSRF-Token", dana.csrf).POST(HttpRequest
        .BodyPublishers.ofString("{\"service\":\"platform\",\"title\":\"x\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(client.statusCode()).isEqualTo(403);
    assertThat(dana.get("/api/v1/alerts").statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = api("POST", "/api/v1/incidents", "ops-secret",
        "{\"service\":\"nowhere\",\"title\":\"x\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("error").asText()).isEqualTo("service: unknown service "
        + "'nowhere'. Expected one of the spec");
    assertThat(json(api("POST", "/api/v1/incidents", "ops-secret", "[1]")).get("error")
        .asText()).isEqualTo("the body is not a JSON object");
    assertThat(json(api("POST", "/api/v1/maintenance", "ops-secret", "{\"service\":\"platform\","
        + "\"start\":\"tomorrow\",\"end\":\"2026-11-20T03:00:00Z\"}")).get("error").asText())
        .isEqualTo("start: 'tomorrow' is not a time. Expected ISO-8601 with an offset, e.g. "
            + "2026-11-28T02:00:00Z");
    assertThat(sam.get("/api/v1/alerts?state=loud").statusCode()).isEqualTo(400);
  }

  @Test
  void aMaintenanceWindowIsAnnouncedWithItsEffectOnEachSloAndDeleted() throws Exception {
    HttpResponse<String> added = api("POST", "/api/v1/maintenance", "ops-secret",
        "{\"service\":\"platform\",\"start\":\"2026-11-20T02:00:00Z\",\"end\":"
        + "\"2026-11-20T03:30:00Z\",\"reason\":\"Database upgrade\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    JsonNode w = json(added);
    assertThat(w.get("when").asText()).isEqualTo("planned");
    assertThat(w.get("source").asText()).isEqualTo("api");
    assertThat(w.get("createdBy").asText()).isEqualTo("token:ops");
    Map<String, String> how = new java.util.HashMap<>();
    w.get("effects").forEach(e -> how.put(e.get("slo").asText(), e.get("how").asText()
        + " " + e.get("minutes").asLong()));
    assertThat(how).containsEntry("platform-availability", "unknown 90")
        .containsEntry("assign-courier-success", "counted 90");
    JsonNode list = json(sam.get("/api/v1/maintenance"));
    assertThat(list.get("windows").findValuesAsText("reason")).contains("Database upgrade");
    assertThat(sam.get("/console/maintenance").body()).contains("Database upgrade")
        .contains("states UNKNOWN for 1h 30m");
    long id = w.get("id").asLong();
    assertThat(api("DELETE", "/api/v1/maintenance/" + id, "ops-secret", null).statusCode())
        .isEqualTo(204);
    assertThat(api("DELETE", "/api/v1/maintenance/" + id, "ops-secret", null).statusCode())
        .isEqualTo(404);
    assertThat(json(sam.get("/api/v1/maintenance")).get("windows").findValuesAsText("reason"))
        .doesNotContain("Database upgrade");
  }

  @Test
  void theConsoleFormsOpenAnIncidentAndAnnounceMaintenance() throws Exception {
    HttpResponse<String> r = sam.post("/console/incidents", Map.of("_csrf", sam.csrf,
        "service", "platform", "title", "Slow tracking", "text", "Support calls"));
    assertThat(r.statusCode()).isEqualTo(303);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/console/incidents/");
    assertThat(sam.get(location).body()).contains("Slow tracking").contains("Support calls");
    HttpResponse<String> bad = sam.post("/console/incidents", Map.of("_csrf", sam.csrf,
        "service", "platform", "title", " "));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("title: is empty");
    HttpResponse<String> m = sam.post("/console/maintenance", Map.of("_csrf", sam.csrf,
        "service", "platform", "start", "2026-11-21T02:00", "end", "2026-11-21T03:00",
        "reason", "Kernel patches"));
    assertThat(m.statusCode()).isEqualTo(303);
    // 02:00 in Europe/Berlin (CET) is 01:00 UTC.
    assertThat(json(sam.get("/api/v1/maintenance")).toString())
        .contains("\"start\":\"2026-11-21T01:00:00Z\"");
  }
}
