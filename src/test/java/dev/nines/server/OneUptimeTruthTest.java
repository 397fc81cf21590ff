package dev.nines.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.cli.Main;
import dev.nines.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One truth: the same observations, fed to a running server through the agent protocol and
 * the observations API, give the same up, down and unknown milliseconds on the monitor API,
 * the SLO API, the status API, {@code /metrics} and {@code nines uptime} on the exported CSV,
 * and those are the figures worked out by hand from the rule table.
 */
class OneUptimeTruthTest {
  private static final Path SPEC = Path.of("src/test/resources/spec/one-truth.yaml");
  private static final String TOKEN = "one-truth-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The server starts at 10:30:00: uptime SLOs are attributed from this minute. */
  private static final Instant T0 = FakeClock.NOW;
  private static final Instant END = T0.plus(Duration.ofMinutes(24));

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(T0);
  private final HttpClient http = HttpClient.newHttpClient();
  private NinesServer server;

  @BeforeEach
  void start() throws Exception {
    server = NinesServer.start(new NinesServer.Config(SPEC, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 100_000, TOKEN, false), clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Up, down and unknown milliseconds as one surface tells them. */
  private record Figures(long up, long down, long unknown) {
    static Figures of(JsonNode uptime) {
      return new Figures(uptime.get("upMillis").asLong(), uptime.get("downMillis").asLong(),
          uptime.get("unknownMillis").asLong());
    }
  }

  /**
   * Home, every 30 s from 10:30 to 10:48 in eu, us and ap: eu and us fail together from 10:35
   * (eu recovers at 10:37:00, us at 10:37:30), ap has a pending UNKNOWN at 10:32 and its agent
   * is silent from 10:40 to 10:45; after 10:48 no region reports. The feed posts every minute
   * from 10:30 to 10:50, ERROR at 10:41 and 10:42.
   */
  private static Map<String, String> homeAt(int second) {
    Map<String, String> states = new LinkedHashMap<>();
    if (second > 18 * 60) {
      return states;
    }
    boolean euDown = second >= 5 * 60 && second < 7 * 60;
    boolean usDown = second >= 5 * 60 && second < 7 * 60 + 30;
    states.put("eu", euDown ? "ERROR" : "OK");
    states.put("us", usDown ? "ERROR" : "OK");
    if (second < 10 * 60 || second >= 15 * 60) {
      states.put("ap", second == 2 * 60 ? "UNKNOWN" : "OK");
    }
    return states;
  }

  private static String feedAt(int second) {
    if (second % 60 != 0 || second > 20 * 60) {
      return null;
    }
    return second == 11 * 60 || second == 12 * 60 ? "ERROR" : "OK";
  }

  @Test
  void everySurfaceTellsTheSameUpDownAndUnknownMilliseconds() throws Exception {
    feedMinuteByMinute();
    awaitAttributed("web-uptime", 24 * 60_000);
    awaitAttributed("feed-uptime", 24 * 60_000);

    // Worked out by hand. Home: 10:34:30-10:35:00 OK -> ERROR and 10:36:30-10:37:00 ERROR -> OK
    // down and uncertain, 10:35:00-10:36:30 down (150 s); 10:48-10:49 OK until the regions are
    // silent (up, uncertain), 10:49-10:54 silent: unknown (300 s); the rest up.
    Figures home = new Figures(990_000, 150_000, 300_000);
    // Feed: 10:40-10:43 down (OK -> ERROR, ERROR, ERROR -> OK), 10:50-10:52 up until silent,
    // 10:52-10:54 unknown.
    Figures feed = new Figures(1_140_000, 180_000, 120_000);
    assertThat(monitorApi("home")).isEqualTo(home);
    assertThat(sloApi("web-uptime")).isEqualTo(home);
    assertThat(portalApi("web-uptime")).isEqualTo(home);
    assertThat(metrics("web-uptime")).isEqualTo(home);
    assertThat(cli("home")).isEqualTo(home);
    assertThat(monitorApi("feed")).isEqualTo(feed);
    assertThat(sloApi("feed-uptime")).isEqualTo(feed);
    assertThat(portalApi("feed-uptime")).isEqualTo(feed);
    assertThat(metrics("feed-uptime")).isEqualTo(feed);
    assertThat(cli("feed")).isEqualTo(feed);
  }

  @Test
  void theMonitorApiGivesTheBoundsTheStateSinceItBeganAndTheRegionalIncident() throws Exception {
    feedMinuteByMinute();
    awaitAttributed("web-uptime", 24 * 60_000);

    JsonNode m = get("/api/v1/monitors/home?from=" + T0 + "&to=" + END);
    JsonNode u = m.get("uptime");
    assertThat(u.get("uncertainMillis").asLong()).isEqualTo(420_000);
    assertThat(u.get("uptimeRatio").asDouble()).isEqualTo(990.0 / 1140);
    assertThat(u.get("lowerRatio").asDouble()).isEqualTo(930.0 / 1440);
    assertThat(u.get("upperRatio").asDouble()).isEqualTo(1350.0 / 1440);
    assertThat(m.get("state").get("state").asText()).isEqualTo("UNKNOWN");
    assertThat(m.get("state").get("cause").asText()).isEqualTo("silent");
    assertThat(m.get("state").get("since").asText()).isEqualTo(T0.plusSeconds(19 * 60).toString());
    assertThat(m.get("regionalIncidents").toString()).isEqualTo("[{\"region\":\"us\",\"start\":\""
        + T0.plusSeconds(7 * 60) + "\",\"end\":\"" + T0.plusSeconds(7 * 60 + 30) + "\"}]");
    long down = 0;
    for (JsonNode span : m.get("timeline")) {
      if (span.get("attribution").asText().equals("down")) {
        down += Instant.parse(span.get("end").asText()).toEpochMilli()
            - Instant.parse(span.get("start").asText()).toEpochMilli();
      }
    }
    assertThat(down).as("the bar's red is the down time").isEqualTo(150_000);
  }

  /** Feeds each minute's observations just before the clock reaches them, as agents would. */
  private void feedMinuteByMinute() throws Exception {
    for (int minute = 0; minute <= 24; minute++) {
      Map<String, List<Map<String, Object>>> byRegion = new LinkedHashMap<>();
      List<Map<String, Object>> feed = new ArrayList<>();
      for (int second = minute * 60; second < (minute + 1) * 60; second += 30) {
        long time = T0.plusSeconds(second).toEpochMilli();
        homeAt(second).forEach((region, state) -> byRegion.computeIfAbsent(region,
            r -> new ArrayList<>()).add(Map.of("monitor", "home", "time", time, "state", state)));
        String f = feedAt(second);
        if (f != null) {
          feed.add(Map.of("subject", "feed", "time", T0.plusSeconds(second).toString(),
              "state", f));
        }
      }
      for (Map.Entry<String, List<Map<String, Object>>> e : byRegion.entrySet()) {
        HttpResponse<String> r = post("/api/v1/agent/results", Map.of("region", e.getKey(),
            "attempts", List.of(), "states", e.getValue(), "latest", List.of()),
            e.getKey() + "-" + minute);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      }
      if (!feed.isEmpty()) {
        HttpResponse<String> r = post("/api/v1/observations", feed, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      }
      clock.advance(Duration.ofMinutes(1));
    }
  }

  private void awaitAttributed(String slo, long millis) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      Figures f = sloApi(slo);
      if (f.up() + f.down() + f.unknown() == millis) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(slo + " attributed " + f + ", expected " + millis + " ms");
      }
      Thread.sleep(100);
    }
  }

  private Figures monitorApi(String monitor) throws Exception {
    return Figures.of(get("/api/v1/monitors/" + monitor + "?from=" + T0 + "&to=" + END)
        .get("uptime"));
  }

  private Figures sloApi(String slo) throws Exception {
    return Figures.of(get("/api/v1/slos/" + slo).get("uptime"));
  }

  /** This month's uptime on the client portal (and in the monthly report: the same figures). */
  private Figures portalApi(String slo) throws Exception {
    for (JsonNode s : get("/api/v1/portal?client=acme").get("slos")) {
      if (s.get("name").asText().equals(slo)) {
        return Figures.of(s.get("monthUptime"));
      }
    }
    throw new AssertionError("no " + slo + " on the portal");
  }

  private Figures metrics(String slo) throws Exception {
    String text = http.send(request("/metrics").GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    long[] ms = new long[3];
    List<String> outcomes = List.of("good", "bad", "unknown");
    Matcher m = Pattern.compile("nines_sli_time_seconds_total\\{service=\"web\",slo=\"" + slo
        + "\",outcome=\"(\\w+)\"} (\\S+)").matcher(text);
    while (m.find()) {
      ms[outcomes.indexOf(m.group(1))] = Math.round(Double.parseDouble(m.group(2)) * 1000);
    }
    return new Figures(ms[0], ms[1], ms[2]);
  }

  /** {@code nines uptime} on the monitor's exported CSV with the spec's settings for it. */
  private Figures cli(String monitor) throws Exception {
    HttpResponse<String> csv = http.send(request("/api/v1/monitors/" + monitor
        + "/observations?format=csv&from=" + T0.minusSeconds(120) + "&to=" + clock.instant())
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    Path file = Files.writeString(dir.resolve(monitor + ".csv"), csv.body());
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute("uptime", file.toString(), "--spec", SPEC.toString(), "--monitor",
        monitor, "--from", T0.toString(), "--to", END.toString(), "--json");
    assertThat(exit).as(err.toString()).isZero();
    return Figures.of(JSON.readTree(out.toString()));
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> r = http.send(request(path).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> post(String path, Object body, String key) throws Exception {
    HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", "Bearer " + TOKEN);
  }
}
