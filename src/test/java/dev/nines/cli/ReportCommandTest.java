package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.report.ReportSeed;
import dev.nines.report.ReportServer;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nines report} over a store and over a running server's API: the same month gives the
 * same figures either way, and bad arguments are usage errors, not stack traces.
 */
class ReportCommandTest {
  private static final Pattern HASH = Pattern.compile("figures sha256 ([0-9a-f]{64})");
  @TempDir static Path dir;
  static Path data;
  static ReportServer s;
  static String apiHash;

  @BeforeAll
  static void seed() throws Exception {
    data = dir.resolve("store");
    try (Store store = Stores.open(null, data, null, null)) {
      ReportSeed.write(store);
    }
    // A server over another copy of the same history, read through the API.
    s = new ReportServer(dir.resolve("server"));
    apiHash = new ObjectMapper().readTree(s.get("/api/v1/reports/acme/2026-10").body())
        .get("figuresHash").asText();
  }

  @AfterAll
  static void stop() {
    if (s != null) {
      s.close();
    }
  }

  private record Run(int exitCode, String err) {
    String hash() {
      Matcher m = HASH.matcher(err);
      assertThat(m.find()).as(err).isTrue();
      return m.group(1);
    }
  }

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ReportCommand(new FakeClock(ReportSeed.NOW)));
    command.setOut(new PrintWriter(new StringWriter()));
    command.setErr(new PrintWriter(err));
    return new Run(command.execute(args), err.toString());
  }

  private static String[] fromStore(String... more) {
    String[] base = {"--client", "acme", "--spec", ReportSeed.SPEC.toString(), "--data-dir",
        data.toString()};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void theStoreGivesTheApisFiguresInEveryFormat() throws Exception {
    for (String format : new String[] {"md", "html", "pdf"}) {
      Path out = dir.resolve("acme." + format);
      Run r = run(fromStore("--month", "2026-10", "--format", format, "-o", out.toString()));
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.hash()).isEqualTo(apiHash);
      assertThat(r.err()).startsWith(out + ": " + format + " report of Acme Logistics for "
          + "2026-10, ");
      byte[] bytes = Files.readAllBytes(out);
      if (format.equals("pdf")) {
        assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
      } else {
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(apiHash)
            .contains("Courier assignment").doesNotContain("api-internal-errors");
      }
    }
  }

  @Test
  void postgresqlGivesTheSameFiguresAsSqlite() throws Exception {
    String url = dev.nines.store.PostgresStoreTest.url();    // skips without the test cluster
    dev.nines.store.PostgresStoreTest.reset(url);
    try (Store store = Stores.open(url, null, null, null)) {
      ReportSeed.write(store);
    }
    Path out = dir.resolve("acme-pg.md");
    Run r = run("--client", "acme", "--spec", ReportSeed.SPEC.toString(), "--db", url,
        "--month", "2026-10", "--format", "md", "-o", out.toString());
    dev.nines.store.PostgresStoreTest.reset(url);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.hash()).isEqualTo(apiHash);
    assertThat(Files.readString(out)).contains("Courier assignment");
  }

  @Test
  void withoutAMonthItIsTheLastOneOverInTheClientsZone() throws Exception {
    Path out = dir.resolve("last.md");
    Run r = run(fromStore("--format", "md", "-o", out.toString()));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(out)).startsWith("# Acme Logistics · October 2026");
  }

  @Test
  void aRunningServerGivesTheSameFile() throws Exception {
    Path out = dir.resolve("fetched.md");
    Run r = run("--client", "acme", "--month", "2026-10", "--format", "md", "--server",
        s.base(), "--token", ReportServer.TOKEN, "-o", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.hash()).isEqualTo(apiHash);
    assertThat(Files.readString(out)).contains("Figures SHA-256: `" + apiHash + "`");

    Run denied = run("--client", "acme", "--month", "2026-10", "--server", s.base(),
        "--token", "wrong", "-o", dir.resolve("x.pdf").toString());
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.err()).contains("answered 401");
  }

  @Test
  void badArgumentsAreUsageErrorsThatSayWhatIsExpected() {
    Run month = run(fromStore("--month", "2026-13"));
    assertThat(month.exitCode()).isEqualTo(2);
    assertThat(month.err()).isEqualTo("nines: --month: '2026-13' is not a month. Expected "
        + "YYYY-MM, e.g. 2026-10\n");
    Run client = run("--client", "nobody", "--spec", ReportSeed.SPEC.toString(), "--data-dir",
        data.toString());
    assertThat(client.exitCode()).isEqualTo(2);
    assertThat(client.err()).startsWith("nines: --client: unknown client 'nobody'. Expected one "
        + "of [acme, globex]");
    Run format = run(fromStore("--format", "docx"));
    assertThat(format.exitCode()).isEqualTo(2);
    assertThat(format.err()).startsWith("nines: ").contains("docx").contains("Expected");
  }
}
