package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example spec without agents or probes: nothing is known, and the API says so and why. */
class MonitorNoDataTest {
  @TempDir Path dir;
  ServerHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aMonitorNobodyCheckedHasANullUptimeAndTheReasonNotAHundredPercent() throws Exception {
    h = new ServerHarness(dir);

    HttpResponse<String> r = h.get("/api/v1/monitors/platform-health?range=1h");
    JsonNode m = new ObjectMapper().readTree(r.body());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(m.get("uptime").get("uptimeRatio").isNull()).isTrue();
    assertThat(m.get("uptime").get("upMillis").asLong()).isZero();
    assertThat(m.get("uptime").get("unknownMillis").asLong()).isEqualTo(3_600_000);
    assertThat(m.get("noData").asText()).isEqualTo("quorum 2 of 3 cannot be reached: no agent "
        + "has reported for us-east, ap-south; the server has not checked it from eu-central "
        + "(probes are off with --no-probes, or it has only just started)");
    assertThat(m.get("state").get("cause").asText()).isEqualTo("silent");
  }
}
