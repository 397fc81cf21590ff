package dev.nines.cli;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.ClientSpec;
import dev.nines.model.Spec;
import dev.nines.report.MonthlyReport;
import dev.nines.report.ReportFormat;
import dev.nines.report.Reports;
import dev.nines.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code nines report}: a client's monthly SLO compliance report as PDF, HTML or Markdown, from
 * the store (with the spec) or from a running server's API.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Write a client's "
    + "monthly SLO compliance report (PDF, HTML or Markdown) from the store, or fetch it from a "
    + "running server with --server.")
final class ReportCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec command;
  @Option(names = "--client", required = true, paramLabel = "NAME",
      description = "The client the report is for.") String client;
  @Option(names = "--month", paramLabel = "YYYY-MM", description = "The calendar month in the "
      + "client's time zone; default: the last month that is over.") String month;
  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pdf",
      description = "pdf (default), html or md.") String format;
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write it; "
      + "default CLIENT-MONTH.FORMAT in the current directory, - for standard output.")
  String output;
  @Option(names = "--spec", paramLabel = "FILE", description = "The spec (with --db or "
      + "--data-dir).") Path specFile;
  @Mixin UserCommand.StoreOptions store;
  @Option(names = "--server", paramLabel = "URL", description = "Fetch the report from this "
      + "running Nines instead of reading a store, e.g. http://127.0.0.1:8080.") URI server;
  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:NINES_API_TOKEN}",
      description = "API token with scope read, for --server. Env: NINES_API_TOKEN.")
  String token;

  private final Clock clock;

  ReportCommand() {
    this(Clock.systemUTC());
  }

  ReportCommand(Clock clock) {
    this.clock = clock;
  }

  @Override public Integer call() throws IOException, InterruptedException {
    PrintWriter err = command.commandLine().getErr();
    ReportFormat f;
    try {
      f = ReportFormat.of(format);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    if (server != null) {
      return fetch(f, err);
    }
    if (specFile == null) {
      return usage(err, "--spec: missing. Expected the spec with --db or --data-dir, or "
          + "--server URL");
    }
    ValidateCommand.Loaded loaded = ValidateCommand.load(specFile, err);
    if (loaded.spec() == null) {
      return loaded.exit();
    }
    Spec spec = loaded.spec().spec();
    ClientSpec c = spec.client(client);
    if (c == null) {
      return usage(err, "--client: unknown client '" + client + "'. Expected one of "
          + spec.clients().stream().map(ClientSpec::name).toList());
    }
    YearMonth m;
    try {
      m = month == null ? YearMonth.from(clock.instant().atZone(spec.zoneOf(c))).minusMonths(1)
          : YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      return usage(err, "--month: '" + month + "' is not a month. Expected YYYY-MM, e.g. "
          + "2026-10");
    }
    try (Store st = store.open()) {
      long t0 = System.nanoTime();
      MonthlyReport r = Reports.build(spec, st, MaintenanceCalendar.of(spec,
          st.maintenanceWindows()), client, m, clock);
      byte[] bytes = Reports.render(r, f);
      Path file = write(bytes, Reports.fileName(client, m, f));
      err.printf("%s: %s report of %s for %s, %,d bytes in %d ms; figures sha256 %s%n",
          file == null ? "stdout" : file, f.id(), c.title(), m, bytes.length,
          (System.nanoTime() - t0) / 1_000_000, r.figuresHash());
      err.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
  }

  private int fetch(ReportFormat f, PrintWriter err) throws IOException, InterruptedException {
    if (month == null) {
      return usage(err, "--month: required with --server. Expected YYYY-MM");
    }
    URI uri = server.resolve("/api/v1/reports/" + client + "/" + month + "." + f.id());
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET();
    if (token != null && !token.isBlank()) {
      req.header("Authorization", "Bearer " + token.strip());
    }
    HttpResponse<byte[]> r;
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .build()) {
      r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      err.printf("nines report: %s: %s%n", uri, e.getMessage() == null
          ? e.getClass().getSimpleName() : e.getMessage());
      err.flush();
      return 2;
    }
    if (r.statusCode() != 200) {
      err.printf("nines report: %s answered %d: %s%n", uri, r.statusCode(),
          new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).strip());
      err.flush();
      return 1;
    }
    Path file = write(r.body(), client + "-" + month + "." + f.id());
    err.printf("%s: %s report from %s, %,d bytes; figures sha256 %s%n",
        file == null ? "stdout" : file, f.id(), server, r.body().length,
        r.headers().firstValue("X-Nines-Figures").orElse("?"));
    err.flush();
    return 0;
  }

  /** Writes to {@code -o}, stdout for {@code -}, else the default name; null for stdout. */
  private Path write(byte[] bytes, String defaultName) throws IOException {
    if ("-".equals(output)) {
      OutputStream out = System.out;
      out.write(bytes);
      out.flush();
      return null;
    }
    Path file = Path.of(output == null ? defaultName : output);
    Files.write(file, bytes);
    return file;
  }

  static int usage(PrintWriter err, String message) {
    err.println("nines: " + message);
    err.flush();
    return 2;
  }
}
