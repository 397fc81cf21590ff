package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.testing.FakeClock;
import dev.nines.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox page, its API and its metrics over HTTP, as an SRE sees them. */
class NotificationPagesTest {
  @TempDir static Path dir;
  static ConsoleServer s;
  static ConsoleServer.Session sam;

  @BeforeAll
  static void start() throws Exception {
    s = new ConsoleServer(dir);
    NotificationSeed.write(s.server);
    sam = s.session().signedIn("sam");
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> r = sam.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  private static List<String> keys(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (Iterator<JsonNode> i = list.elements(); i.hasNext(); ) {
      out.add(i.next().get("key").asText());
    }
    return out;
  }

  /**
   * October's reports for acme and globex from the server's first monthly run: failed, as
   * neither client has a channel in the console spec.
   */
  static final int MONTHLY_RUN = 2;

  @Test
  void theApiListsAPendingNotificationWithItsLastErrorAndNextTry() throws Exception {
    JsonNode page = json("/api/v1/notifications?status=pending");
    // The first alert cycle's pages and tickets wait in their service's group (groupWait has
    // not passed on the fixed clock), so the seeded row is the only one pending.
    assertThat(page.get("total").asInt()).isEqualTo(1);
    assertThat(page.get("page").asInt()).isOne();
    assertThat(page.get("size").asInt()).isEqualTo(100);
    JsonNode n = null;
    for (JsonNode x : page.get("notifications")) {
      n = x.get("key").asText().equals("alert-1") ? x : n;
    }
    assertThat(n).as("the seeded pending notification").isNotNull();
    assertThat(n.get("key").asText()).isEqualTo("alert-1");
    assertThat(n.get("channel").asText()).isEqualTo("oncall");
    assertThat(n.get("kind").asText()).isEqualTo("alert");
    assertThat(n.get("title").asText()).isEqualTo("api-internal-errors is burning its budget");
    assertThat(n.get("status").asText()).isEqualTo("pending");
    assertThat(n.get("attempts").asInt()).isOne();
    assertThat(n.get("lastError").asText()).isEqualTo("webhook oncall: url: "
        + "env:ONCALL_WEBHOOK_URL is not set. Expected the environment variable "
        + "ONCALL_WEBHOOK_URL to hold the secret");
    assertThat(Instant.parse(n.get("nextAttemptAt").asText()))
        .isBetween(FakeClock.NOW.plusSeconds(4), FakeClock.NOW.plusSeconds(5));
    assertThat(Instant.parse(n.get("createdAt").asText())).isEqualTo(FakeClock.NOW);
    assertThat(n.get("deliveredAt").isNull()).isTrue();
  }

  @Test
  void theApiPagesNewestFirstAndFiltersByChannel() throws Exception {
    JsonNode first = json("/api/v1/notifications?status=delivered&channel=team-chat&size=25");
    assertThat(first.get("total").asInt()).isEqualTo(NotificationSeed.DELIVERED);
    assertThat(keys(first.get("notifications"))).hasSize(25).first().isEqualTo("report-59");
    JsonNode third = json("/api/v1/notifications?status=delivered&channel=team-chat&size=25"
        + "&page=3");
    assertThat(keys(third.get("notifications"))).hasSize(10).last().isEqualTo("report-0");
    assertThat(json("/api/v1/notifications?channel=oncall").get("total").asInt())
        .isEqualTo(1);
    assertThat(json("/api/v1/notifications").get("total").asInt())
        .isEqualTo(NotificationSeed.DELIVERED + 2 + MONTHLY_RUN);
  }

  @Test
  void aNotificationNoChannelTookIsListedAsFailedWithTheReason() throws Exception {
    JsonNode n = json("/api/v1/notifications?status=failed").get("notifications").get(0);
    assertThat(n.get("channel").asText()).isEqualTo("(none)");
    assertThat(n.get("lastError").asText()).isEqualTo("no channel for client acme: the spec "
        + "has no audience: client channel of client acme");
  }

  @Test
  void badParametersAnswer400WithTheRule() throws Exception {
    HttpResponse<String> r = sam.get("/api/v1/notifications?status=sent");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).isEqualTo("{\"error\":\"status: 'sent' is not a notification status. "
        + "Expected pending, delivered or failed\"}");
    assertThat(sam.get("/api/v1/notifications?size=0").body())
        .isEqualTo("{\"error\":\"size: 0 is out of range. Expected 1 to 1000\"}");
    HttpResponse<String> page = sam.get("/console/notifications?page=0");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("page: 0 is out of range. Expected 1 or more");
  }

  @Test
  void aTokenWithScopeReadListsThemToo() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(s.base() + "/api/v1/notifications?status=pending"))
        .header("Authorization", "Bearer " + ConsoleServer.TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"key\":\"alert-1\"");
  }

  @Test
  void thePageShowsCountsErrorsNextTriesAndPages() throws Exception {
    HttpResponse<String> r = sam.get("/console/notifications");
    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    assertThat(html).contains("<h1>Notifications</h1>")
        .contains("href=\"/console/notifications\" class=\"on\">Notifications</a>")
        .contains("data-status=\"pending\">Pending <span class=\"n\">1</span>")
        .contains("data-status=\"delivered\">Delivered <span class=\"n\">60</span>")
        .contains("data-status=\"failed\">Failed <span class=\"n\">3</span>")
        .contains("env:ONCALL_WEBHOOK_URL is not set")
        .contains("next 2026-11-18 11:30:0")
        .contains("no channel for client acme")
        .contains("Page 1 of 2 · 64 notifications")
        .contains("href=\"/console/notifications?page=2\" rel=\"next\"");
    assertThat(html.split("<tr data-key=", -1)).hasSize(51);
    String failed = sam.get("/console/notifications?status=failed").body();
    assertThat(failed.split("<tr data-key=", -1)).hasSize(1 + 1 + MONTHLY_RUN);
    assertThat(failed).contains("<tr data-key=\"notice-1\">")
        .contains("<tr data-key=\"report:acme:2026-10\">").contains("Page 1 of 1");
    String chat = sam.get("/console/notifications?channel=team-chat&page=2").body();
    assertThat(chat).contains("<option value=\"team-chat\" selected>team-chat</option>")
        .contains("Page 2 of 2 · 60 notifications")
        .contains("href=\"/console/notifications?channel=team-chat&amp;page=1\" rel=\"prev\"");
  }

  @Test
  void metricsCountPendingMessagesAndSendsByChannelAndOutcome() throws Exception {
    String text = sam.get("/metrics").body();
    assertThat(text).contains("\nnines_outbox_pending_messages 1\n")
        .contains("\nnines_notifications_sent_total{channel=\"oncall\",outcome=\"retry\"} 1\n")
        .contains("\nnines_notifications_sent_total{channel=\"oncall\",outcome=\"delivered\"} 0\n")
        .contains("# TYPE nines_notifications_sent_total counter");
  }
}
