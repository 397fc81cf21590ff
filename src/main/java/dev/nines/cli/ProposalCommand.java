package dev.nines.cli;

import dev.nines.model.ClientSpec;
import dev.nines.model.Durations;
import dev.nines.model.Spec;
import dev.nines.report.Proposal;
import dev.nines.report.Proposals;
import dev.nines.report.ReportFormat;
import dev.nines.report.Reports;
import dev.nines.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code nines proposal}: the SLO document a team sends a client for approval. */
@Command(name = "proposal", mixinStandardHelpOptions = true, description = "Write the SLO "
    + "proposal for a client (PDF, HTML or Markdown) from the spec; with --history, what each "
    + "SLO would have scored, read from the store.")
final class ProposalCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec command;
  @Option(names = "--client", required = true, paramLabel = "NAME") String client;
  @Option(names = "--spec", required = true, paramLabel = "FILE") Path specFile;
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pdf",
      description = "pdf (default), html or md.") String format;
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Default "
      + "CLIENT-slo-proposal.FORMAT; - for standard output.") String output;
  @Option(names = "--history", paramLabel = "DURATION", description = "Score each SLO over "
      + "this look-back, e.g. 28d (needs the store: --db or --data-dir).") String history;
  @Option(names = "--author", paramLabel = "NAME", description = "An author (repeat for "
      + "more); default: the SRE team.") List<String> authors = List.of();
  @Option(names = "--review", paramLabel = "YYYY-MM-DD", description = "The review date; "
      + "default 90 days from today.") String review;
  @Mixin UserCommand.StoreOptions store;

  private final Clock clock;

  ProposalCommand() {
    this(Clock.systemUTC());
  }

  ProposalCommand(Clock clock) {
    this.clock = clock;
  }

  @Override public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    ReportFormat f;
    Duration look = null;
    LocalDate reviewDate = null;
    try {
      f = ReportFormat.of(format);
      if (history != null) {
        look = Durations.parse(history);
        if (look.compareTo(Duration.ofDays(1)) < 0 || look.compareTo(Duration.ofDays(400)) > 0) {
          return ReportCommand.usage(err, "--history: " + history + " is out of range. "
              + "Expected 1d to 400d, e.g. 28d");
        }
      }
      reviewDate = review == null ? null : LocalDate.parse(review);
    } catch (DateTimeParseException e) {
      return ReportCommand.usage(err, "--review: '" + review + "' is not a date. Expected "
          + "YYYY-MM-DD");
    } catch (IllegalArgumentException e) {
      return ReportCommand.usage(err, (history != null && !e.getMessage().startsWith("format")
          ? "--history: " : "") + e.getMessage());
    }
    ValidateCommand.Loaded loaded = ValidateCommand.load(specFile, err);
    if (loaded.spec() == null) {
      return loaded.exit();
    }
    Spec spec = loaded.spec().spec();
    if (spec.client(client) == null) {
      return ReportCommand.usage(err, "--client: unknown client '" + client + "'. Expected "
          + "one of " + spec.clients().stream().map(ClientSpec::name).toList());
    }
    Proposal p;
    if (look == null) {
      p = Proposals.build(spec, client, null, null, authors, reviewDate, clock.instant());
    } else {
      try (Store st = store.open()) {
        p = Proposals.build(spec, client, st, look, authors, reviewDate, clock.instant());
      }
    }
    byte[] bytes = Reports.render(p, f);
    String name = client + "-slo-proposal." + f.id();
    if ("-".equals(output)) {
      System.out.write(bytes);
      System.out.flush();
    } else {
      Files.write(Path.of(output == null ? name : output), bytes);
    }
    err.printf("%s: %s SLO proposal for %s, %d objectives, %,d bytes%n",
        "-".equals(output) ? "stdout" : output == null ? name : output, f.id(),
        spec.client(client).title(), p.services().stream().mapToInt(s -> s.objectives().size())
            .sum(), bytes.length);
    err.flush();
    return 0;
  }
}
