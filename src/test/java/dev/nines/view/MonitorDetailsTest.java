package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.live.ProbeRecorder;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.Store;
import dev.nines.store.StoredObservation;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import dev.nines.uptime.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorDetailsTest {
  private static final Instant NOW = FakeClock.NOW;

  private static Spec spec() throws Exception {
    return SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        regions: [eu-central, us-east, ap-south]
        services: [{name: web}]
        monitors:
          - {name: home, service: web, kind: http, interval: 30s, timeout: 5s,
             request: {url: "http://127.0.0.1/"}}
          - {name: feed, service: web, kind: external, interval: 1m}
        """).spec();
  }

  @Test
  void aMonitorNobodyReportedForHasNoDataAndSaysWhichRegionsAreSilent(@TempDir Path dir)
      throws Exception {
    Spec spec = spec();
    try (Store store = Stores.open(null, dir, null, null)) {
      store.appendObservations(List.of(new StoredObservation("home", "eu-central",
          NOW.minusSeconds(600), State.ERROR, "connection refused", "probe")));
      MonitorDetails details = new MonitorDetails(() -> spec,
          new ProbeRecorder(spec, store, null, new FakeClock()), store);

      MonitorDetail d = details.detail("home", Duration.ofHours(1), NOW, 10);

      assertThat(d.hasData()).isFalse();
      assertThat(d.report().uptime().uptimeRatio()).isNull();
      assertThat(d.noData()).isEqualTo("quorum 2 of 3 cannot be reached: no agent has "
          + "reported for us-east, ap-south");
      assertThat(details.detail("feed", Duration.ofHours(1), NOW, 10).noData())
          .isEqualTo("nothing was posted to /api/v1/observations for external");
    }
  }

  @Test
  void theWindowEndsWhereChecksAreSettledNotAtNow(@TempDir Path dir) throws Exception {
    Spec spec = spec();
    try (Store store = Stores.open(null, dir, null, null)) {
      MonitorDetails details = new MonitorDetails(() -> spec,
          new ProbeRecorder(spec, store, null, new FakeClock()), store);

      MonitorDetail d = details.detail("home", Duration.ofHours(1), NOW, 10);

      // timeout 5 s, no retries, 5 s to deliver: settled 10 s ago.
      assertThat(d.to()).isEqualTo(NOW.minusSeconds(10));
      assertThat(d.from()).isEqualTo(NOW.minusSeconds(10).minus(Duration.ofHours(1)));
    }
  }
}
