package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.server.NinesServer;
import dev.nines.testing.WallClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchIngestCommandTest {
  @TempDir Path dir;

  @Test
  void everyEventTheLoadGeneratorCountsIsStoredByARealServer() throws Exception {
    long acknowledged;
    try (NinesServer server = NinesServer.start(new NinesServer.Config(
        Path.of("examples/logistics.yaml"), null, dir, "127.0.0.1", 0, 1 << 24, 1_000_000, "tok"),
        WallClock.clock())) {
      CliRun run = CliRun.of("bench", "ingest", "--url", "http://127.0.0.1:" + server.port(),
          "--token", "tok", "--duration", "2s", "--batch", "100", "--connections", "2",
          "--bodies", "4");
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).contains("batches of 100 events, 2 connections, 2 s, 4 distinct bodies")
          .contains("errors:    0 batches not acknowledged; 0 retries");
      Matcher m = Pattern.compile("\\(([\\d,]+) events acknowledged").matcher(run.out());
      assertThat(m.find()).as(run.out()).isTrue();
      acknowledged = Long.parseLong(m.group(1).replace(",", ""));
    }
    assertThat(acknowledged).isPositive();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("nines.db"));
        ResultSet rs = c.createStatement().executeQuery("SELECT SUM(events) FROM ingest_batch")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(acknowledged);
    }
  }

  @Test
  void withoutATokenItSaysSo() {
    CliRun run = CliRun.of("bench", "ingest", "--url", "http://127.0.0.1:1", "--token", " ");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("--token: missing. Expected an API token with events:write, "
        + "or NINES_API_TOKEN\n");
  }
}
