package dev.nines.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server started in the first minutes of a calendar period, in the spec's zone
 * (Europe/Berlin), answers from the new period only, and rolling windows look back across the
 * boundary: month, year and week starts and both DST changes, through the HTTP API.
 */
class CalendarBoundariesTest {
  private static final String SPEC = """
      apiVersion: nines/v1
      timeZone: Europe/Berlin
      services: [{name: web, endpoints: [{path: /a}]}]
      slos:
        - {name: a-month, service: web, endpoint: /a, sli: {kind: availability}, target: 99,
           window: month, owner: team}
        - {name: a-year, service: web, endpoint: /a, sli: {kind: availability}, target: 99,
           window: year, owner: team}
        - {name: a-week, service: web, endpoint: /a, sli: {kind: availability}, target: 99,
           window: week, owner: team}
        - {name: a-day, service: web, endpoint: /a, sli: {kind: availability}, target: 99,
           window: day, owner: team}
        - {name: a-30d, service: web, endpoint: /a, sli: {kind: availability}, target: 99,
           window: 30d, owner: team}
      """;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}: {1} starts at {2}")
  @CsvSource({
      // now (UTC),           slo,     period start (UTC),   valid in the period
      "2026-11-30T23:04:00Z, a-month, 2026-11-30T23:00:00Z, 3",
      "2026-11-30T23:04:00Z, a-day,   2026-11-30T23:00:00Z, 3",
      "2026-12-31T23:04:00Z, a-year,  2026-12-31T23:00:00Z, 3",
      "2026-12-31T23:04:00Z, a-month, 2026-12-31T23:00:00Z, 3",
      "2026-11-29T23:04:00Z, a-week,  2026-11-29T23:00:00Z, 3",
      // the 23-hour day of the spring change began at 23:00 UTC (CET), the day after it at
      // 22:00 UTC (CEST); the 25-hour day of the autumn change at 22:00 UTC, the next at 23:00
      "2027-03-27T23:04:00Z, a-day,   2027-03-27T23:00:00Z, 3",
      "2027-03-28T22:04:00Z, a-day,   2027-03-28T22:00:00Z, 3",
      "2026-10-24T22:04:00Z, a-day,   2026-10-24T22:00:00Z, 3",
      "2026-10-25T23:04:00Z, a-day,   2026-10-25T23:00:00Z, 3",
  })
  void aCalendarWindowCountsOnlyItsOwnPeriod(Instant now, String slo, Instant start,
      long valid) throws Exception {
    JsonNode s = sloAt(now, slo);
    assertThat(Instant.parse(s.get("periodStart").asText())).isEqualTo(start);
    assertThat(s.get("valid").asLong()).as("valid events of %s at %s", slo, now)
        .isEqualTo(valid);
  }

  @ParameterizedTest(name = "at {0}")
  @CsvSource({"2026-11-30T23:04:00Z", "2026-12-31T23:04:00Z", "2027-03-28T01:04:00Z"})
  void aRollingWindowLooksBackAcrossTheBoundary(Instant now) throws Exception {
    assertThat(sloAt(now, "a-30d").get("valid").asLong()).isEqualTo(5);
  }

  /**
   * Starts a server at {@code now} over a store holding one bad event ten minutes before
   * the period start of every SLO, one more a minute before it, and three good events in
   * the minutes after it; returns the API's view of {@code slo}.
   */
  private JsonNode sloAt(Instant now, String slo) throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, SPEC);
    long nowMinute = now.getEpochSecond() / 60;
    try (Store store = Stores.open(null, dir, null, null)) {
      List<BucketDelta> d = new java.util.ArrayList<>();
      for (String name : List.of("a-month", "a-year", "a-week", "a-day", "a-30d")) {
        d.add(new BucketDelta(name, nowMinute - 14, 0, 1));
        d.add(new BucketDelta(name, nowMinute - 5, 0, 1));
        for (long m = nowMinute - 3; m < nowMinute; m++) {
          d.add(new BucketDelta(name, m, 1, 1));
        }
      }
      store.commitIngest(List.of(new IngestBatch(null, d, List.of(), d.size())));
    }
    try (NinesServer server = NinesServer.start(new NinesServer.Config(spec, null, dir,
        "127.0.0.1", 0, 1 << 20, 1000, "token"), new FakeClock(now))) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/api/v1/slos/" + slo))
          .header("Authorization", "Bearer token").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }
  }
}
