package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.web.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's pages and JSON API over the seeded history, as an SRE sees them. */
class ConsolePagesTest {
  @TempDir static Path dir;
  static ConsoleServer s;
  static ConsoleServer.Session sam;

  @BeforeAll
  static void start() throws Exception {
    s = new ConsoleServer(dir);
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

  private static List<String> sloLinks(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("href=\"/console/slos/([a-z0-9-]+)\"").matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void theOverviewListsEverySloLeastBudgetLeftFirst() throws Exception {
    String html = sam.get("/console").body();
    assertThat(sloLinks(html)).hasSize(7).startsWith("assign-courier-success",
        "api-internal-errors", "fetch-orders-fast").endsWith("globex-ship-success",
        "order-to-tracking-journey");
    JsonNode slos = json("/api/v1/slos").get("slos");
    for (int i = 1; i < slos.size(); i++) {
      assertThat(slos.get(i).get("budgetRemaining").asDouble())
          .isGreaterThanOrEqualTo(slos.get(i - 1).get("budgetRemaining").asDouble());
    }
    assertThat(html).contains("7 of 7 SLOs").contains("<span class=\"badge page\">page</span>");
  }

  @Test
  void theOverviewFiltersAndAnswersHtmxWithRowsOnly() throws Exception {
    var r = sam.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.base()
        + "/console?client=globex")).header("HX-Request", "true").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).startsWith("<tbody id=\"rows\">").doesNotContain("<html");
    assertThat(sloLinks(r.body())).containsExactly("globex-ship-success");
    assertThat(sloLinks(sam.get("/console?alert=page").body()))
        .containsExactly("assign-courier-success", "api-internal-errors", "lb-availability");
    assertThat(sam.get("/console?alert=loud").statusCode()).isEqualTo(400);
  }

  @Test
  void theSloPageShowsBurnRatesPerWindowAndChartsFromHourlyBuckets() throws Exception {
    String html = sam.get("/console/slos/api-internal-errors").body();
    assertThat(html).contains("Error budget burn-down").contains("SLI over time")
        .contains("Burn rate per window").contains("data-chart=\"burndown\"")
        .contains("<span class=\"badge page\">firing</span>");
    JsonNode h = json("/api/v1/slos/api-internal-errors/history");
    JsonNode points = h.get("points");
    assertThat(points.size()).isEqualTo(30 * 24 + 1);
    assertThat(points.get(points.size() - 1).get("budgetRemainingRatio").asDouble())
        .isLessThan(points.get(0).get("budgetRemainingRatio").asDouble());
    assertThat(sam.get("/console/slos/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void theSloPageCharts1h6h1dOr7dMinuteByMinuteOrHourlyWithTheBurnDownOverTheWindow()
      throws Exception {
    JsonNode window = json("/api/v1/slos/api-internal-errors/history");
    JsonNode sixHours = json("/api/v1/slos/api-internal-errors/history?range=6h");
    assertThat(sixHours.get("resolution").asText()).isEqualTo("1m");
    assertThat(sixHours.get("points").size()).isBetween(360, 361);
    assertThat(json("/api/v1/slos/api-internal-errors/history?range=1d").get("resolution")
        .asText()).isEqualTo("5m");
    assertThat(json("/api/v1/slos/api-internal-errors/history?range=7d").get("points").size())
        .isBetween(7 * 24, 7 * 24 + 1);
    // Whatever the range, the burn-down ends at the window's budget left.
    JsonNode lastWindow = window.get("points").get(window.get("points").size() - 1);
    JsonNode lastSix = sixHours.get("points").get(sixHours.get("points").size() - 1);
    assertThat(lastSix.get("budgetRemainingRatio").asDouble()).isCloseTo(
        lastWindow.get("budgetRemainingRatio").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    HttpResponse<String> bad = sam.get("/api/v1/slos/api-internal-errors/history?range=2h");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("range: '2h' is not a range. Expected 1h, 6h, 1d, 7d or window");

    String html = sam.get("/console/slos/api-internal-errors?range=6h").body();
    assertThat(html).contains("<a href=\"?range=6h\" class=\"on\">6h</a>")
        .contains("<a href=\"?range=window\">30d window</a>")
        .contains("Good / valid per minute over the last 6h")
        .contains("Drag across a chart to zoom in").contains("&#34;zone&#34;:&#34;");
    assertThat(sam.get("/console/slos/api-internal-errors?range=2h").statusCode()).isEqualTo(400);
  }

  @Test
  void theMonitorPageShowsTheIntervalNextToEveryUptimeFigure() throws Exception {
    String html = sam.get("/console/monitors/platform-health").body();
    int uptimes = html.split("class=\"uptime", -1).length - 1;
    int intervals = html.split("<span class=\"every\">checked every 30s</span>", -1).length - 1;
    assertThat(uptimes).isEqualTo(4);
    assertThat(intervals).isEqualTo(uptimes);
    assertThat(html).contains("quorum 2 of 3 regions").contains("Regional incidents")
        .contains("GET https://api.acme.example/healthz").doesNotContain("key=hidden");
  }

  @Test
  void theMonitorApiGivesUptimeWithBoundsAndTheRegionalIncident() throws Exception {
    JsonNode m = json("/api/v1/monitors/platform-health?range=24h");
    JsonNode u = m.get("uptime");
    assertThat(u.get("lowerRatio").asDouble()).isLessThanOrEqualTo(u.get("uptimeRatio").asDouble());
    assertThat(u.get("uptimeRatio").asDouble()).isLessThanOrEqualTo(u.get("upperRatio").asDouble());
    assertThat(u.get("downMillis").asLong()).isBetween(180_000L, 210_000L);
    JsonNode incidents = m.get("regionalIncidents");
    assertThat(incidents.size()).isEqualTo(1);
    assertThat(incidents.get(0).get("region").asText()).isEqualTo("us-east");
    assertThat(java.time.Duration.between(Instant.parse(incidents.get(0).get("start").asText()),
        Instant.parse(incidents.get(0).get("end").asText()))).hasSeconds(600);
    assertThat(m.get("intervalSeconds").asInt()).isEqualTo(30);
    assertThat(sam.get("/api/v1/monitors/platform-health?range=2y").statusCode()).isEqualTo(400);
    // The 3-minute outage seen by all regions, from the last OK check to the first OK one, the
    // 30 s at each edge uncertain: the same down time as the uptime.
    JsonNode outages = m.get("outages");
    assertThat(outages.size()).isEqualTo(1);
    assertThat(outages.get(0).get("downMillis").asLong()).isEqualTo(210_000L)
        .isEqualTo(u.get("downMillis").asLong());
    assertThat(outages.get(0).get("uncertainMillis").asLong()).isEqualTo(60_000L);
    assertThat(outages.get(0).get("regions").toString())
        .isEqualTo("[\"ap-south\",\"eu-central\",\"us-east\"]");
  }

  private static int attemptRows(String html) {
    String table = html.substring(html.indexOf("<table class=\"attempts\">"));
    return table.substring(0, table.indexOf("</table>")).split("<td><span class=\"pill st-", -1)
        .length - 1;
  }

  @Test
  void theMonitorPageListsOutagesPagesAttemptsAndSaysHowOftenItRechecksWhileDown()
      throws Exception {
    String html = sam.get("/console/monitors/platform-health").body();
    assertThat(html).contains("<h3>Outages</h3>").contains("<td class=\"num\">3m 30s</td>")
        .contains("ap-south, eu-central, us-east")
        .contains("While it is down it is checked every 7.5s")
        .contains("60 attempts since").contains("page 1 of 3")
        .contains("<a href=\"?range=24h&page=2\">older</a>");
    assertThat(attemptRows(html)).isEqualTo(25);
    String last = sam.get("/console/monitors/platform-health?page=3").body();
    assertThat(last).contains("page 3 of 3").contains("newer</a>").doesNotContain(">older</a>");
    assertThat(attemptRows(last)).isEqualTo(10);
    assertThat(sam.get("/console/monitors/platform-health?page=0").statusCode()).isEqualTo(400);
  }

  @Test
  void theJourneyShowsPerStepFailuresAndRunsOverBudget() throws Exception {
    JsonNode j = json("/api/v1/journeys/order-to-tracking");
    // 288 runs every 5 min over the last 24 h: 9 fail at assign-courier, 7 others are slow.
    assertThat(j.get("runs").asInt()).isEqualTo(288);
    assertThat(j.get("goodRuns").asInt()).isEqualTo(272);
    JsonNode steps = j.get("steps");
    assertThat(steps.get(0).get("name").asText()).isEqualTo("fetch-order");
    assertThat(steps.get(0).get("failures").asInt()).isZero();
    assertThat(steps.get(1).get("failures").asInt()).isEqualTo(9);
    assertThat(steps.get(1).get("lastFailure").asText()).isEqualTo("status 502, expected 200");
    assertThat(steps.get(2).get("runs").asInt()).isEqualTo(279);
    String html = sam.get("/console/journeys/order-to-tracking").body();
    assertThat(html).contains("over budget").contains("failed at assign-courier");
  }

  @Test
  void theLayerViewPointsAtTheInnermostLayerWithErrors() throws Exception {
    JsonNode service = json("/api/v1/layers").get("services").get(0);
    assertThat(service.get("service").asText()).isEqualTo("platform");
    assertThat(service.get("origin").asText()).isEqualTo("api");
    List<String> names = new ArrayList<>();
    service.get("layers").forEach(l -> names.add(l.get("name").asText()));
    assertThat(names).containsExactly("cdn", "load-balancer", "ingress", "api");
    String html = sam.get("/console/layers").body();
    assertThat(html).contains("Errors in the last hour start at <strong>api</strong>");
  }

  @Test
  void theSloListIsPaginatedAndFiltered() throws Exception {
    JsonNode first = json("/api/v1/slos?size=2");
    assertThat(first.get("total").asInt()).isEqualTo(7);
    assertThat(first.get("slos").size()).isEqualTo(2);
    assertThat(first.get("slos").get(0).get("name").asText()).isEqualTo("assign-courier-success");
    JsonNode last = json("/api/v1/slos?size=2&page=4");
    assertThat(last.get("slos").size()).isEqualTo(1);
    assertThat(json("/api/v1/slos?client=globex").get("total").asInt()).isEqualTo(1);
    assertThat(json("/api/v1/slos?audience=internal").get("total").asInt()).isEqualTo(2);
    HttpResponse<String> bad = sam.get("/api/v1/slos?size=0");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("{\"error\":\"size: 0 is out of range. Expected 1 to 1000\"}");
  }

  @Test
  void theMonitorListIsPaginatedAndFiltered() throws Exception {
    JsonNode all = json("/api/v1/monitors?size=2");
    assertThat(all.get("total").asInt()).isEqualTo(3);
    assertThat(all.get("monitors").size()).isEqualTo(2);
    JsonNode journeys = json("/api/v1/monitors?kind=journey");
    assertThat(journeys.get("monitors").get(0).get("name").asText()).isEqualTo("order-to-tracking");
    assertThat(json("/api/v1/monitors?service=globex-api").get("total").asInt()).isEqualTo(1);
  }

  @Test
  void anUnknownPageIsAnHtml404AndAnUnknownApiPathJson() throws Exception {
    HttpResponse<String> page = sam.get("/console/nothing-here");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    HttpResponse<String> api = sam.get("/api/v1/nothing");
    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(api.body()).isEqualTo("{\"error\":\"no such resource: /api/v1/nothing\"}");
  }
}
