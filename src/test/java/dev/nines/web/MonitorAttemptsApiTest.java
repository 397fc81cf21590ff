package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.store.StoredAttempt;
import dev.nines.testing.FakeClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/monitors/{name}/attempts} pages its attempts, newest first. */
class MonitorAttemptsApiTest {
  @TempDir static Path dir;
  static ServerHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new ServerHarness(dir);
    List<StoredAttempt> attempts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      attempts.add(new StoredAttempt("platform-health", "eu-central",
          FakeClock.NOW.minusSeconds(30L * (25 - i)), i % 10 != 3, i % 10 != 3 ? 200 : 503,
          null, 1.0, 2.0, 3.0, 4.0, 5.0, null, null));
    }
    h.server.store().appendAttempts(attempts);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> r = h.get(path);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.MAPPER.readTree(r.body());
  }

  @Test
  void attemptsComeInPagesNewestFirstWithTheirTotal() throws Exception {
    JsonNode first = json("/api/v1/monitors/platform-health/attempts?size=10");
    assertThat(first.get("total").asLong()).isEqualTo(25);
    assertThat(first.get("page").asInt()).isEqualTo(1);
    assertThat(first.get("size").asInt()).isEqualTo(10);
    assertThat(first.get("attempts")).hasSize(10);
    JsonNode last = json("/api/v1/monitors/platform-health/attempts?size=10&page=3");
    assertThat(last.get("attempts")).hasSize(5);
    assertThat(last.get("attempts").get(4).get("startedAt").asText())
        .isEqualTo(FakeClock.NOW.minusSeconds(750).toString());
    assertThat(first.get("attempts").get(0).get("startedAt").asText())
        .isEqualTo(FakeClock.NOW.minusSeconds(30).toString());
    assertThat(json("/api/v1/monitors/platform-health/attempts?page=999999999&size=1000")
        .get("attempts")).isEmpty();
    assertThat(json("/api/v1/monitors/platform-health/attempts?limit=2").get("attempts"))
        .hasSize(2);
  }

  @Test
  void aBadPageOrSizeIsA400NamingIt() throws Exception {
    HttpResponse<String> r = h.get("/api/v1/monitors/platform-health/attempts?size=0");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("size: 0 is out of range. Expected 1 to 1000");
    assertThat(h.get("/api/v1/monitors/platform-health/attempts?page=x").body())
        .contains("page: 'x' is not a number");
    assertThat(h.get("/api/v1/monitors/nothing/attempts").statusCode()).isEqualTo(404);
  }
}
