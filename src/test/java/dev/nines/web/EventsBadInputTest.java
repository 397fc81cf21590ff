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
 * Request-event bodies an attacker or a broken producer sends: every one is a 400 naming the
 * item and the field, never a 5xx, and a body with anything after it is refused whole.
 */
class EventsBadInputTest {
  static final String WINDOW = "Expected within the last 400 days and at most 5 minutes ahead "
      + "of the server clock";
  @TempDir static Path dir;
  static ServerHarness h;
  static final Instant NOW = FakeClock.NOW.truncatedTo(ChronoUnit.MINUTES);

  @BeforeAll
  static void start() throws Exception {
    h = new ServerHarness(dir);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static String event(String extra) {
    return "{\"service\":\"platform\",\"endpoint\":\"/assign-courier\",\"status\":200,"
        + "\"durationMs\":5" + extra + "}";
  }

  private static String timed() {
    return event(",\"time\":\"" + NOW + "\"");
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return h.send(h.post("/api/v1/events", body));
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  /** The first item error: a 400 when nothing was kept, a 202 listing it when an item was. */
  private static String firstError(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body())
        .isEqualTo(json(r).path("accepted").asInt(0) > 0 ? 202 : 400);
    return json(r).get("errors").get(0).asText();
  }

  @Test
  void aTimeBeyondWhatMillisecondsHoldIsOutsideTheWindowNotA500() throws Exception {
    assertThat(firstError(post("[" + event(",\"time\":\"+300000000-01-01T00:00:00Z\"") + "]")))
        .isEqualTo("[0].time: +300000000-01-01T00:00:00Z is outside what is kept. " + WINDOW);
  }

  @Test
  void anEpochTimeOverSixtyFourBitsIsOutsideTheWindowNotA500() throws Exception {
    assertThat(firstError(post("[" + timed() + "," + event(",\"time\":18446744073709551616")
        + "]"))).isEqualTo("[1].time: 18446744073709551616 is outside what is kept. " + WINDOW);
  }

  @Test
  void aTwoThousandDigitNumberIsOutOfRangeForItsItemAlone() throws Exception {
    String digits = "9".repeat(2_000);
    HttpResponse<String> r = post("[" + timed() + ",{\"service\":\"platform\",\"status\":"
        + digits + ",\"time\":\"" + NOW + "\"}]");
    assertThat(firstError(r)).isEqualTo("[1].status: 99999999999999999999... (2000 digits) is "
        + "out of range. Expected 0 to 999");
    assertThat(json(r).get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void aHugeDurationIsOutOfRange() throws Exception {
    assertThat(firstError(post("[{\"service\":\"platform\",\"status\":200,\"durationMs\":1e400,"
        + "\"time\":\"" + NOW + "\"}]"))).isEqualTo("[0].durationMs: 1e400 is out of range. "
        + "Expected 0 to 86400000 (a day)");
  }

  @Test
  void aFractionalStatusIsNotAStatus() throws Exception {
    assertThat(firstError(post("[{\"service\":\"platform\",\"status\":200.5,\"time\":\"" + NOW
        + "\"}]"))).isEqualTo("[0].status: 200.5 is not a whole number. Expected 0 to 999");
  }

  @Test
  void jsonNestedOverAThousandLevelsNamesTheItemAndField() throws Exception {
    HttpResponse<String> r = post("[" + timed() + "," + event(",\"extra\":" + "[".repeat(1_500)
        + "]".repeat(1_500)) + "]");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).isEqualTo("[1].extra: nested deeper than 1000 "
        + "levels. Expected an event object of plain fields");
  }

  @Test
  void aProcessedTimeFarInTheFutureIsOutsideTheWindow() throws Exception {
    assertThat(firstError(post("[" + event(",\"time\":\"" + NOW + "\",\"processedTime\":"
        + "\"+300000000-01-01T00:00:00Z\"") + "]"))).isEqualTo("[0].processedTime: "
        + "+300000000-01-01T00:00:00Z is outside what is kept. " + WINDOW);
    Instant late = NOW.plus(401, ChronoUnit.DAYS);
    assertThat(firstError(post("[" + event(",\"time\":\"" + NOW + "\",\"processedTime\":\""
        + late + "\"") + "]"))).isEqualTo("[0].processedTime: " + late + " is more than 400 "
        + "days after time " + NOW + ". Expected the update processed within 400 days of the "
        + "event");
  }

  @Test
  void aSecondArrayAfterTheFirstIsRefusedWhole() throws Exception {
    HttpResponse<String> r = post("[" + timed() + "][" + timed() + "," + timed() + "]");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).isEqualTo("line 1, column " + (timed().length() + 3)
        + ": content after the JSON array. Expected one JSON array, or one event object per line "
        + "(NDJSON)");
  }

  @Test
  void trailingGarbageAfterTheArrayIsRefusedWhole() throws Exception {
    HttpResponse<String> r = post("[" + timed() + "] trailing garbage {");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).startsWith("not JSON or JSON lines: ")
        .endsWith(" at line 1, column " + (timed().length() + 4));
  }

  @Test
  void anArrayInsideJsonLinesIsAnItemError() throws Exception {
    HttpResponse<String> r = post(timed() + "\n[1]\n");
    assertThat(firstError(r)).isEqualTo("[1]: is an array. Expected an event object");
  }
}
