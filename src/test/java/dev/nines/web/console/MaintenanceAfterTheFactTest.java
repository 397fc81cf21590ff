package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.testing.FakeClock;
import dev.nines.testing.LogCapture;
import dev.nines.web.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maintenance window added after the fact over a stored outage, through a real server on a
 * fake clock: the uptime SLO's minutes are recomputed from the stored observations, the
 * excluding event SLO loses the minutes wholly inside the window, every surface (SLO API,
 * monitor API, {@code /metrics} gauges, the console) changes at once, the counters never go
 * down, and deleting the window restores the uptime SLO but not the excluded events.
 *
 * <p>History from 10:30 to 10:55: the external feed says OK every minute from 10:30 to 10:50
 * but ERROR from 10:35 to 10:39; ten requests a minute from 10:30 to 10:49 fail from 10:35 to
 * 10:39, and two more fail at 10:34:45. The window is 10:34:30 to 10:40:00.
 */
class MaintenanceAfterTheFactTest {
  private static final Instant T0 = FakeClock.NOW;                   // 10:30:00
  private static final Instant END = T0.plus(Duration.ofMinutes(24));
  private static final String WINDOW = "{\"service\":\"web\",\"start\":\""
      + T0.plusSeconds(4 * 60 + 30) + "\",\"end\":\"" + T0.plusSeconds(10 * 60)
      + "\",\"reason\":\"Database failover\"}";

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(T0);
  private ConsoleServer s;

  /** Up, down and unknown milliseconds. */
  private record Figures(long up, long down, long unknown) {
    static Figures of(JsonNode u) {
      return new Figures(u.get("upMillis").asLong(), u.get("downMillis").asLong(),
          u.get("unknownMillis").asLong());
    }
  }

  // Worked out by hand from the rule table. Before: 10:30-10:34 and 10:40-10:52 up (OK, and OK
  // until the feed is silent two intervals after 10:50), 10:34-10:40 down (OK -> ERROR, ERROR,
  // ERROR -> OK), 10:52-10:54 unknown. After, states inside the window are UNKNOWN (the SLO
  // does not exclude maintenance): 10:34:00-10:34:30 is OK -> UNKNOWN, up; 10:34:30-10:39:00
  // UNKNOWN, unknown; 10:39-10:40 UNKNOWN -> OK, up, as the rule table has it: nothing is down.
  private static final Figures BEFORE = new Figures(960_000, 360_000, 120_000);
  private static final Figures AFTER = new Figures(1_050_000, 0, 390_000);

  @BeforeEach
  void start() throws Exception {
    Path spec = Files.copy(Path.of("src/test/resources/spec/after-the-fact.yaml"),
        dir.resolve("spec.yaml"));
    s = new ConsoleServer(dir.resolve("data"), spec, clock, false);
    for (int minute = 0; minute <= 24; minute++) {
      if (minute <= 20) {
        String state = minute >= 5 && minute <= 9 ? "ERROR" : "OK";
        post("/api/v1/observations", "[{\"subject\":\"feed\",\"time\":\""
            + T0.plusSeconds(minute * 60L) + "\",\"state\":\"" + state + "\"}]", 202);
      }
      if (minute < 20) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          events.add(event(T0.plusSeconds(minute * 60L + 10), minute >= 5 && minute <= 9));
        }
        if (minute == 4) {
          events.add(event(T0.plusSeconds(4 * 60 + 45), true));
          events.add(event(T0.plusSeconds(4 * 60 + 45), true));
        }
        post("/api/v1/events", "[" + String.join(",", events) + "]", 202);
      }
      clock.advance(Duration.ofMinutes(1));
    }
    awaitAttributed(24 * 60_000);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  @Test
  void aWindowPostedOverAStoredOutageTurnsItsDownMinutesIntoMaintenanceOnEverySurface()
      throws Exception {
    assertThat(slo("feed-uptime")).isEqualTo(BEFORE);
    assertThat(monitor()).isEqualTo(BEFORE);
    Map<String, Double> before = metrics();

    HttpResponse<String> r;
    try (LogCapture log = LogCapture.infos(dev.nines.live.MaintenanceHistory.class)) {
      r = post("/api/v1/maintenance", WINDOW, 201);
      assertThat(log.lines()).singleElement().asString().contains("maintenance of web from "
          + T0.plusSeconds(270) + " to " + T0.plusSeconds(600) + " added after its start: "
          + "applied to the stored history").contains("feed-uptime recomputed 6 min (6 changed)");
    }
    JsonNode applied = json(r).get("applied");
    assertThat(applied.get("change").asText()).isEqualTo("added");
    assertThat(applied.get("from").asText()).isEqualTo(T0.plusSeconds(270).toString());
    assertThat(applied.get("to").asText()).isEqualTo(T0.plusSeconds(600).toString());
    assertThat(effect(applied, "feed-uptime")).isEqualTo("recomputed 6 6 null");

    assertThat(slo("feed-uptime")).as("the SLO").isEqualTo(AFTER);
    assertThat(monitor()).as("the monitor page's figures, the same").isEqualTo(AFTER);
    JsonNode v = get("/api/v1/slos/feed-uptime");
    assertThat(v.get("valid").asLong() - v.get("good").asLong()).as("bad milliseconds").isZero();
    assertThat(v.get("budgetRemaining").asDouble()).isEqualTo(1.0);
    assertThat(v.get("sli").asDouble()).isEqualTo(1.0);

    Map<String, Double> after = metrics();
    assertThat(after.get("gauge feed-uptime")).as("the SLI gauge follows the history")
        .isEqualTo(1.0);
    assertThat(before.get("gauge feed-uptime")).isCloseTo(960.0 / 1320, within(1e-9));
    for (String outcome : List.of("good", "bad", "unknown")) {
      assertThat(after.get("time feed-uptime " + outcome)).as("counters never go down")
          .isEqualTo(before.get("time feed-uptime " + outcome));
    }
    assertThat(after.get("time feed-uptime bad")).isEqualTo(360.0);

    ConsoleServer.Session sam = s.session().signedIn("sam");
    String page = sam.get("/console/maintenance").body();
    assertThat(page).contains("Database failover").contains("after the fact")
        .contains("Applied to stored history at")
        .contains("feed-uptime: 6 min recomputed from the stored observations, 6 changed")
        .contains("orders-success: 5 min excluded, 5 had events");
  }

  @Test
  void anExcludingEventSloLosesTheMinutesWhollyInsideAndKeepsThePartlyCoveredOne()
      throws Exception {
    assertThat(counts("orders-success")).containsExactly(150L, 202L);
    JsonNode applied = json(post("/api/v1/maintenance", WINDOW, 201)).get("applied");
    assertThat(effect(applied, "orders-success")).isEqualTo("excluded 5 5 the partly covered "
        + "minute " + T0.plusSeconds(240) + " keeps its events");
    assertThat(effect(applied, "orders-counted")).isEqualTo("unchanged 0 0 counts its events "
        + "in maintenance as always");
    assertThat(counts("orders-success")).as("10:35-10:39 gone, the two at 10:34:45 kept")
        .containsExactly(150L, 152L);
    assertThat(counts("orders-counted")).containsExactly(150L, 202L);
    assertThat(get("/api/v1/slos/orders-success").get("budgetRemaining").asDouble())
        .isCloseTo(1 - 2 / (0.01 * 152), within(1e-9));
    Map<String, Double> m = metrics();
    assertThat(m.get("events orders-success bad")).as("the counter keeps what was counted")
        .isEqualTo(52.0);
    assertThat(m.get("gauge orders-success")).isCloseTo(150.0 / 152, within(1e-9));
  }

  @Test
  void deletingTheWindowRestoresTheUptimeSloButNotTheExcludedEvents() throws Exception {
    long id = json(post("/api/v1/maintenance", WINDOW, 201)).get("id").asLong();
    assertThat(slo("feed-uptime")).isEqualTo(AFTER);
    clock.advance(Duration.ofMinutes(1));

    HttpResponse<String> r = send("DELETE", "/api/v1/maintenance/" + id, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode deleted = json(r);
    assertThat(deleted.get("applied").get("change").asText()).isEqualTo("deleted");
    assertThat(effect(deleted.get("applied"), "feed-uptime")).isEqualTo("recomputed 6 6 null");
    assertThat(effect(deleted.get("applied"), "orders-success")).isEqualTo("unchanged 0 0 its "
        + "events inside the window were not kept: deleting the window cannot bring them back, "
        + "so its minutes stay as they are");
    assertThat(deleted.get("note").asText()).contains("cannot bring them back");

    assertThat(slo("feed-uptime")).as("the outage is back").isEqualTo(BEFORE);
    assertThat(monitor()).isEqualTo(BEFORE);
    assertThat(counts("orders-success")).containsExactly(150L, 152L);
  }

  @Test
  void deletingAPastWindowOnTheConsoleSaysWhatTheHistoryGot() throws Exception {
    long id = json(post("/api/v1/maintenance", WINDOW, 201)).get("id").asLong();
    ConsoleServer.Session sam = s.session().signedIn("sam");
    HttpResponse<String> r = sam.post("/console/maintenance/" + id + "/delete",
        Map.of("_csrf", sam.csrf));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Deleted the window of web")
        .contains("Deletion applied to stored history at")
        .contains("cannot bring them back");
    assertThat(slo("feed-uptime")).isEqualTo(BEFORE);
  }

  @Test
  void aPastWindowAddedToTheSpecIsAppliedOnReloadAndRemovingItRestoresTheUptimeSlo()
      throws Exception {
    Path spec = dir.resolve("spec.yaml");
    String without = Files.readString(spec);
    Files.writeString(spec, without + "maintenance:\n  - {service: web, start: \""
        + T0.plusSeconds(270) + "\", end: \"" + T0.plusSeconds(600) + "\", reason: failover}\n");
    s.server.reload();
    assertThat(slo("feed-uptime")).isEqualTo(AFTER);
    assertThat(counts("orders-success")).containsExactly(150L, 152L);
    assertThat(s.server.store().maintenanceApplied("web", T0.plusSeconds(270),
        T0.plusSeconds(600))).get().extracting(a -> a.change())
        .isEqualTo(dev.nines.maintenance.AppliedHistory.Change.ADDED);

    Files.writeString(spec, without);
    s.server.reload();
    assertThat(slo("feed-uptime")).isEqualTo(BEFORE);
    assertThat(counts("orders-success")).as("excluded events do not come back")
        .containsExactly(150L, 152L);
    assertThat(s.server.store().maintenanceApplied("web", T0.plusSeconds(270),
        T0.plusSeconds(600))).get().extracting(a -> a.change())
        .isEqualTo(dev.nines.maintenance.AppliedHistory.Change.DELETED);
  }

  // Helpers.

  private static String event(Instant at, boolean failed) {
    return "{\"service\":\"web\",\"endpoint\":\"/orders\",\"status\":" + (failed ? 500 : 200)
        + ",\"durationMs\":5,\"time\":\"" + at + "\"}";
  }

  /** {@code how minutes changedMinutes note} of one SLO's effect. */
  private static String effect(JsonNode applied, String slo) {
    for (JsonNode e : applied.get("slos")) {
      if (e.get("slo").asText().equals(slo)) {
        return e.get("how").asText() + " " + e.get("minutes").asLong() + " "
            + e.get("changedMinutes").asLong() + " " + e.get("note").asText();
      }
    }
    throw new AssertionError("no " + slo + " in " + applied);
  }

  private Figures slo(String name) throws Exception {
    return Figures.of(get("/api/v1/slos/" + name).get("uptime"));
  }

  private List<Long> counts(String name) throws Exception {
    JsonNode v = get("/api/v1/slos/" + name);
    return List.of(v.get("good").asLong(), v.get("valid").asLong());
  }

  private Figures monitor() throws Exception {
    return Figures.of(get("/api/v1/monitors/feed?from=" + T0 + "&to=" + END).get("uptime"));
  }

  /** {@code time SLO OUTCOME}, {@code events SLO OUTCOME} and {@code gauge SLO} of /metrics. */
  private Map<String, Double> metrics() throws Exception {
    String text = send("GET", "/metrics", null).body();
    Map<String, Double> out = new HashMap<>();
    Matcher m = Pattern.compile("nines_(sli_time_seconds_total|sli_events_total|slo_sli_ratio)"
        + "\\{service=\"web\",slo=\"([a-z-]+)\"(?:,outcome=\"(\\w+)\")?} (\\S+)").matcher(text);
    while (m.find()) {
      String kind = switch (m.group(1)) {
        case "sli_time_seconds_total" -> "time";
        case "sli_events_total" -> "events";
        default -> "gauge";
      };
      out.put(kind + " " + m.group(2) + (m.group(3) == null ? "" : " " + m.group(3)),
          Double.parseDouble(m.group(4)));
    }
    return out;
  }

  private void awaitAttributed(long millis) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      Figures f = slo("feed-uptime");
      if (f.up() + f.down() + f.unknown() == millis) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("attributed " + f + ", expected " + millis + " ms");
      }
      Thread.sleep(100);
    }
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = send("GET", path, null);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return json(r);
  }

  private HttpResponse<String> post(String path, String body, int expected) throws Exception {
    HttpResponse<String> r = send("POST", path, body);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(expected);
    return r;
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.base() + path))
        .header("Authorization", "Bearer " + ConsoleServer.TOKEN)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return java.net.http.HttpClient.newHttpClient().send(b.build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }
}
