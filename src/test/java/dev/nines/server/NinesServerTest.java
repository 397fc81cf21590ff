package dev.nines.server;

import static dev.nines.ingest.prometheus.PromFixture.M0;
import static dev.nines.ingest.prometheus.PromFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.ingest.prometheus.PromFixture;
import dev.nines.ingest.prometheus.PrometheusPuller;
import dev.nines.ingest.prometheus.TestPrometheus;
import dev.nines.slo.Counts;
import dev.nines.testing.FakeClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

class NinesServerTest {
  @TempDir Path dir;

  @Test
  @ExtendWith(TestPrometheus.Extension.class)
  void withAPrometheusUrlItPullsPrometheusSlosIntoTheStoreAndTheLiveWindows(TestPrometheus prom)
      throws Exception {
    Clock clock = Clock.fixed(T0.plus(Duration.ofMinutes(10)).plus(PrometheusPuller.SETTLE),
        ZoneOffset.UTC);
    NinesServer.Config config = new NinesServer.Config(PromFixture.writeSpec(dir), null,
        dir.resolve("data"), "127.0.0.1", 0, 1 << 20, 1_000, null, prom.url());
    try (NinesServer server = NinesServer.start(config, clock)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (server.store().minuteBuckets("checkout-ratio", M0, M0 + 10).size() < 10
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      for (String slo : PromFixture.SLOS) {
        assertThat(server.store().minuteBuckets(slo, M0 - 100, M0 + 100)).as(slo)
            .isEqualTo(PromFixture.expected(slo, 0, 10));
      }
      assertThat(server.live().view("checkout-good").status().window())
          .isEqualTo(new Counts(200, 236));
    }
  }

  @Test
  void withoutAPrometheusUrlPrometheusSlosGetNoData() throws Exception {
    NinesServer.Config config = new NinesServer.Config(PromFixture.writeSpec(dir), null,
        dir.resolve("data"), "127.0.0.1", 0, 1 << 20, 1_000, null);
    try (NinesServer server = NinesServer.start(config, new FakeClock())) {
      assertThat(server.live().view("checkout-good").status().window()).isEqualTo(Counts.ZERO);
    }
  }
}
