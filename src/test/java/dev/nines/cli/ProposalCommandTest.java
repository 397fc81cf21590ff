package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.report.ReportSeed;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nines proposal}: the SLO document a client approves, after the SRE Workbook's
 * structure, from the spec; with {@code --history} what each SLO would have scored.
 */
class ProposalCommandTest {
  @TempDir Path dir;

  private record Run(int exitCode, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new ProposalCommand(new FakeClock(ReportSeed.NOW)));
    command.setOut(new PrintWriter(new StringWriter()));
    command.setErr(new PrintWriter(err));
    return new Run(command.execute(args), err.toString());
  }

  @Test
  void theDocumentSaysWhoSetsAndApprovesEachSloHowItIsMeasuredAndWhatABudgetSpentMeans()
      throws Exception {
    Path out = dir.resolve("acme.md");
    Run r = run("--client", "acme", "--spec", ReportSeed.SPEC.toString(), "--format", "md",
        "--author", "Sam Ortiz", "--review", "2027-02-15", "-o", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEqualTo(out + ": md SLO proposal for Acme Logistics, 5 objectives, "
        + String.format("%,d", Files.size(out)) + " bytes\n");
    String md = Files.readString(out);
    assertThat(md).startsWith("# Acme Logistics: service level objectives")
        .contains("- Authors: Sam Ortiz").contains("- Approvers: Dana Fischer")
        .contains("- Review date: 15 February 2027")
        .contains("### Order import").contains("### Courier assignment")
        .contains("- Why it matters: Without orders sellers cannot fulfil anything.")
        .contains("- Set by: client; approved by: Dana Fischer")
        .contains("- Good: Requests to /fetch-orders answered within 2s.")
        .contains("Measured at the api layer (path: cdn → api).")
        .contains("- Target: **99.9 %** over a rolling 30d")
        // 0.1 % of 30 days; of 30.4375 days.
        .contains("- Allowed bad time: 43m 12s in a 30-day month, 43m 49s in an average month")
        .contains("Page the on-call engineer when the budget burns faster than 14.4×")
        .contains("#### Endpoints without an objective")
        .contains("- `GET /faq`: Static help pages served by the CDN.")
        .contains("## Error budget policy").contains("## Approval")
        .doesNotContain("api-internal-errors").doesNotContain("Globex")
        .doesNotContain("Last 28d");
  }

  @Test
  void withHistoryEachSloIsScoredOverTheLookBackFromTheStore() throws Exception {
    Path data = dir.resolve("data");
    try (Store store = Stores.open(null, data, null, null)) {
      ReportSeed.write(store);
    }
    Path out = dir.resolve("history.md");
    Run r = run("--client", "acme", "--spec", ReportSeed.SPEC.toString(), "--format", "md",
        "--history", "28d", "--data-dir", data.toString(), "-o", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    // 21 October to 18 November: after the 12 October incident, 1,999 of 2,000 orders an hour.
    assertThat(Files.readString(out))
        .contains("- Last 28d: 99.950 %, would have met the target, budget used 50.0 %")
        .contains("- Last 28d: 100.000 %, would have met the target");
  }

  @Test
  void badArgumentsAreUsageErrors() {
    Run history = run("--client", "acme", "--spec", ReportSeed.SPEC.toString(), "--history",
        "2h");
    assertThat(history.exitCode()).isEqualTo(2);
    assertThat(history.err()).isEqualTo("nines: --history: 2h is out of range. Expected 1d to "
        + "400d, e.g. 28d\n");
    Run review = run("--client", "acme", "--spec", ReportSeed.SPEC.toString(), "--review",
        "soon");
    assertThat(review.exitCode()).isEqualTo(2);
    assertThat(review.err()).isEqualTo("nines: --review: 'soon' is not a date. Expected "
        + "YYYY-MM-DD\n");
  }
}
