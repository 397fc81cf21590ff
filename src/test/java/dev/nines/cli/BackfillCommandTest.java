package dev.nines.cli;

import static dev.nines.ingest.prometheus.PromFixture.M0;
import static dev.nines.ingest.prometheus.PromFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.ingest.IngestWriter;
import dev.nines.ingest.prometheus.PromFixture;
import dev.nines.ingest.prometheus.PrometheusClient;
import dev.nines.ingest.prometheus.PrometheusPuller;
import dev.nines.ingest.prometheus.PrometheusSli;
import dev.nines.ingest.prometheus.TestPrometheus;
import dev.nines.spec.SpecReader;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code nines backfill} against a real Prometheus holding {@link PromFixture}'s data. */
@ExtendWith(TestPrometheus.Extension.class)
class BackfillCommandTest {
  @TempDir Path dir;
  Path spec;
  String url;

  @BeforeEach
  void setUp(TestPrometheus prom) throws Exception {
    spec = PromFixture.writeSpec(dir);
    url = prom.url().toString();
  }

  private CliRun backfill(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("backfill", "--spec", spec.toString(),
        "--from", "2025-01-01T00:00:00Z", "--to", "2025-01-01T00:12:00Z", "--prometheus", url,
        "--data-dir", dir.resolve("data").toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static String summary(String run) {
    return run.replaceAll("took: \\d+\\.\\d s\\n", "took: T s\n");
  }

  private void assertStored(List<String> slos) {
    try (Store store = Stores.open(null, dir.resolve("data"), null, null)) {
      for (String slo : PromFixture.SLOS) {
        assertThat(store.minuteBuckets(slo, M0 - 100, M0 + 100)).as(slo).isEqualTo(
            slos.contains(slo) ? PromFixture.expected(slo, 0, 10) : List.of());
      }
    }
  }

  @Test
  void backfillWritesTheExactMinuteBucketsOfEveryPrometheusSlo() {
    CliRun run = backfill();
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(summary(run.out())).isEqualTo("""
        slos: 3 (checkout-good, checkout-bad, checkout-ratio)
        range: 2025-01-01T00:00:00Z .. 2025-01-01T00:12:00Z (12 minutes)
        written: 30 minutes
        already present: 0 minutes
        no data: 6 minutes
        took: T s
        """);
    assertStored(PromFixture.SLOS);
  }

  @Test
  void backfillShowsItsProgressOnStandardError() {
    CliRun run = backfill();
    assertThat(run.err()).contains("backfill 100%", "36/36 min");
  }

  @Test
  void aSecondBackfillOfTheSameRangeWritesNothing() {
    backfill();
    CliRun again = backfill();
    assertThat(again.out()).contains("written: 0 minutes\nalready present: 30 minutes\n");
    assertStored(PromFixture.SLOS);
  }

  @Test
  void backfillAndLivePullingNeverCountAMinuteTwice() throws Exception {
    backfill("--slo", "checkout-good");
    List<PrometheusSli> slis = PrometheusSli.select(SpecReader.read(spec).spec()).slis();
    try (Store store = Stores.open(null, dir.resolve("data"), null, null);
        IngestWriter writer = new IngestWriter(store, 1_000_000, b -> { })) {
      PrometheusPuller puller = new PrometheusPuller(new PrometheusClient(
          java.net.URI.create(url), Duration.ofSeconds(10)), slis, writer,
          new FakeClock(T0.plus(Duration.ofMinutes(10)).plus(PrometheusPuller.SETTLE)));
      assertThat(puller.pullDue()).isEqualTo(new PrometheusPuller.Pull(20, 10, List.of()));
    }
    assertStored(PromFixture.SLOS);
  }

  @Test
  void sloNamesChooseWhichSlosAreBackfilled() {
    CliRun run = backfill("--slo", "checkout-bad,checkout-ratio");
    assertThat(run.out()).startsWith("slos: 2 (checkout-bad, checkout-ratio)\n");
    assertStored(List.of("checkout-bad", "checkout-ratio"));
  }

  @Test
  void anSloThatDoesNotReadPrometheusIsRefused() {
    CliRun run = backfill("--slo", "checkout-events");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--slo: 'checkout-events' is not a Prometheus SLO of " + spec
        + ". Expected one of checkout-good, checkout-bad, checkout-ratio\n");
  }

  @Test
  void anUnreachablePrometheusFailsWithAClearMessage() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    url = "http://127.0.0.1:" + port;
    CliRun run = backfill();
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).endsWith("\nPrometheus at " + url + " is unreachable: connection "
        + "refused. Expected its HTTP API to answer at that URL\nMinutes written so far are kept; "
        + "run the same backfill again to go on.\n");
  }

  @Test
  void aSpecWithoutPrometheusSlosHasNothingToBackfill() {
    CliRun run = CliRun.of("backfill", "--spec", "examples/logistics.yaml", "--from", "now-1h",
        "--prometheus", url);
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("examples/logistics.yaml: no SLO reads Prometheus. Expected "
        + "an SLO with source {prometheus: {good: QUERY, valid: QUERY}} or {prometheus: "
        + "{errorRatio: QUERY}}\n");
  }

  @Test
  void aMissingPrometheusUrlIsABadUsage() {
    url = "";
    CliRun run = backfill();
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--prometheus: missing. Expected the base URL of "
        + "Prometheus, e.g. --prometheus http://localhost:9090, or NINES_PROMETHEUS_URL\n");
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsABadUsage() {
    CliRun run = CliRun.of("backfill", "--spec", spec.toString(), "--from", "2025-01-02T00:00:00Z",
        "--to", "2025-01-01T00:00:00Z", "--prometheus", url);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--from 2025-01-02T00:00:00Z is not before --to "
        + "2025-01-01T00:00:00Z and the last settled minute. Expected --from < --to\n");
  }
}
