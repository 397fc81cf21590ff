package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} in the Prometheus text format with the names of docs/metrics.md. */
class MetricsTest {
  @TempDir static Path dir;
  static ConsoleServer s;
  static String text;

  @BeforeAll
  static void start() throws Exception {
    s = new ConsoleServer(dir);
    var r = s.session().signedIn("sam").get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    text = r.body();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static List<String> lines(String prefix) {
    return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void everyFamilyIsDeclaredOnceBeforeItsSamples() {
    List<String> types = lines("# TYPE ");
    assertThat(types).doesNotHaveDuplicates();
    String[] all = text.split("\n");
    String family = null;
    for (String l : all) {
      if (l.startsWith("# TYPE ")) {
        family = l.split(" ")[2];
      } else if (!l.startsWith("#")) {
        assertThat(l).as("sample of " + family).startsWith(family);
      }
    }
  }

  @Test
  void sloStatusHasOneSeriesPerSlo() {
    assertThat(lines("nines_slo_sli_ratio{")).hasSize(7);
    assertThat(lines("nines_slo_error_budget_remaining_ratio{")).hasSize(7);
    assertThat(lines("nines_slo_alert_firing{service=\"platform\",slo=\"api-internal-errors\","
        + "severity=\"page\"} ")).containsExactly("nines_slo_alert_firing{service=\"platform\","
        + "slo=\"api-internal-errors\",severity=\"page\"} 1");
    assertThat(lines("nines_slo_burn_rate{service=\"platform\",slo=\"api-internal-errors\"")
        .stream().map(l -> l.replaceAll(".*window=\"([^\"]+)\".*", "$1")).toList())
        .containsExactly("1h", "5m", "6h", "30m", "1d", "2h", "3d");
    assertThat(lines("nines_slo_burn_rate{service=\"platform\",slo=\"api-internal-errors\","
        + "window=\"5m\"} ").get(0)).matches(".* 80(\\.0*\\d*)?$");
  }

  @Test
  void timeSlisCountUpDownAndUnknownSecondsAndEventSlisGoodAndBadEvents() {
    assertThat(lines("nines_sli_time_seconds_total{").stream()
        .map(l -> l.substring(0, l.lastIndexOf(' '))).toList()).containsExactly(
        "nines_sli_time_seconds_total{service=\"platform\",slo=\"platform-availability\","
            + "outcome=\"good\"}",
        "nines_sli_time_seconds_total{service=\"platform\",slo=\"platform-availability\","
            + "outcome=\"bad\"}",
        "nines_sli_time_seconds_total{service=\"platform\",slo=\"platform-availability\","
            + "outcome=\"unknown\"}");
    assertThat(lines("nines_sli_events_total{")).hasSize(12);
  }

  @Test
  void monitorsReportIntervalAndAStatePerRegion() {
    assertThat(lines("nines_monitor_interval_seconds{")).containsExactly(
        "nines_monitor_interval_seconds{monitor=\"platform-health\",service=\"platform\"} 30",
        "nines_monitor_interval_seconds{monitor=\"order-to-tracking\",service=\"platform\"} 300",
        "nines_monitor_interval_seconds{monitor=\"globex-health\",service=\"globex-api\"} 60");
    // No probe ran in this server: the regions of platform-health report what the store last
    // heard from them (the seed's history, OK now); regions never heard from are UNKNOWN.
    assertThat(lines("nines_monitor_state{monitor=\"platform-health\"")).hasSize(9);
    assertThat(lines("nines_monitor_state{monitor=\"platform-health\"").stream()
        .filter(l -> l.endsWith(" 1"))).allMatch(l -> l.contains("state=\"ok\"")).hasSize(3);
    assertThat(lines("nines_monitor_state{monitor=\"globex-health\"").stream()
        .filter(l -> l.endsWith(" 1"))).allMatch(l -> l.contains("state=\"unknown\""));
  }

  @Test
  void theProcessReportsItsQueueStoreAndJvm() {
    assertThat(lines("nines_ingest_queued_events ")).containsExactly("nines_ingest_queued_events 0");
    assertThat(lines("nines_store_up")).containsExactly("nines_store_up{dialect=\"sqlite\"} 1");
    // The first cycle's alerts wait in their group: nothing is in the outbox yet.
    assertThat(lines("nines_outbox_pending_messages")).containsExactly(
        "nines_outbox_pending_messages 0");
    assertThat(lines("nines_jvm_memory_used_bytes{area=\"heap\"}")).hasSize(1);
    assertThat(lines("nines_process_start_time_seconds ")).hasSize(1);
  }
}
