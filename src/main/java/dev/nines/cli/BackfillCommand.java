package dev.nines.cli;

import dev.nines.ingest.prometheus.Backfill;
import dev.nines.ingest.prometheus.PrometheusClient;
import dev.nines.ingest.prometheus.PrometheusException;
import dev.nines.ingest.prometheus.PrometheusPuller;
import dev.nines.ingest.prometheus.PrometheusSli;
import dev.nines.model.Durations;
import dev.nines.store.Store;
import dev.nines.store.StoreUnavailableException;
import dev.nines.store.Stores;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nines backfill}: minute buckets of Prometheus SLOs from their history. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Fill the minute buckets of the SLOs whose source is Prometheus from its "
        + "history (query_range, 60 s step), with the keys the live puller uses: minutes "
        + "already stored, pulled or backfilled, are never counted twice. Restart a running "
        + "nines serve to load the new history into its live windows.")
final class BackfillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The Nines spec.")
  Path specFile;

  @Option(names = "--from", required = true, paramLabel = "TIME", description = "First minute "
      + "(inclusive): an ISO-8601 instant, a date-time taken as UTC, epoch seconds, or now-7d.")
  String from;

  @Option(names = "--to", defaultValue = "now", paramLabel = "TIME", description = "End "
      + "(exclusive), as --from; default now. Minutes newer than the last settled one are left "
      + "to the live puller.")
  String to;

  @Option(names = "--prometheus", paramLabel = "URL", defaultValue = "${env:NINES_PROMETHEUS_URL}",
      description = "Base URL of Prometheus, e.g. http://localhost:9090. "
          + "Env: NINES_PROMETHEUS_URL.")
  String prometheus;

  @Option(names = "--slo", paramLabel = "NAME", split = ",", description = "Only these SLOs "
      + "(repeat or separate with commas); default every Prometheus SLO of the spec.")
  List<String> slos;

  @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:NINES_DB_URL}",
      description = "JDBC URL; default: SQLite in the data directory. Env: NINES_DB_URL.")
  String db;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:NINES_DATA_DIR:-data}",
      description = "Where the SQLite file lives (default ./data). Env: NINES_DATA_DIR.")
  Path dataDir;

  private final Clock clock = Clock.systemUTC();

  /** Minutes [from, to) to fill, as epoch minutes. */
  private record Range(long fromMinute, long toMinute) {
    long minutes() {
      return toMinute - fromMinute;
    }
  }

  @Override public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    URI url = url();
    Range range = range(clock.instant());
    ValidateCommand.Loaded loaded = ValidateCommand.load(specFile, err);
    dev.nines.spec.ParsedSpec parsed = loaded.spec();
    if (parsed == null) {
      return loaded.exit();
    }
    PrometheusSli.Selection selection = PrometheusSli.select(parsed.spec());
    List<PrometheusSli> chosen = choose(selection);
    selection.warnings().forEach(w -> err.println("warning: " + w));
    if (chosen.isEmpty()) {
      err.println(specFile + ": no SLO reads Prometheus. Expected an SLO with source "
          + "{prometheus: {good: QUERY, valid: QUERY}} or {prometheus: {errorRatio: QUERY}}");
      err.flush();
      return 1;
    }
    return run(new PrometheusClient(url, PrometheusClient.DEFAULT_TIMEOUT), chosen, range);
  }

  /** --from and --to as minutes, --to no later than the last settled minute. */
  private Range range(Instant now) {
    long fromMinute = minute("--from", from, now);
    long toMinute = Math.min(minute("--to", to, now),
        Math.floorDiv(now.minus(PrometheusPuller.SETTLE).getEpochSecond(), 60));
    if (fromMinute >= toMinute) {
      throw new ParameterException(spec.commandLine(), "--from " + from + " is not before --to "
          + to + " and the last settled minute. Expected --from < --to");
    }
    return new Range(fromMinute, toMinute);
  }

  private int run(PrometheusClient client, List<PrometheusSli> chosen, Range range) {
    PrintWriter err = spec.commandLine().getErr();
    Instant started = clock.instant();
    Backfill.Summary summary;
    try (Store store = openStore();
        ProgressBar bar = progressBar(err, chosen.size() * range.minutes())) {
      summary = new Backfill(client, store).run(chosen, range.fromMinute(), range.toMinute(),
          bar::stepBy);
    } catch (PrometheusException | StoreUnavailableException e) {
      err.println();
      err.println(e.getMessage());
      err.println("Minutes written so far are kept; run the same backfill again to go on.");
      err.flush();
      return 1;
    }
    err.println();
    err.flush();
    print(summary, chosen, range, Duration.between(started, clock.instant()));
    return 0;
  }

  private void print(Backfill.Summary summary, List<PrometheusSli> chosen, Range range,
      Duration took) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("slos: %d (%s)%n", summary.slos(),
        String.join(", ", chosen.stream().map(PrometheusSli::slo).toList()));
    out.printf("range: %s .. %s (%d minutes)%n", Instant.ofEpochSecond(range.fromMinute() * 60),
        Instant.ofEpochSecond(range.toMinute() * 60), range.minutes());
    out.printf("written: %d minutes%n", summary.written());
    out.printf("already present: %d minutes%n", summary.alreadyPresent());
    out.printf("no data: %d minutes%n", summary.empty());
    out.printf(Locale.ROOT, "took: %.1f s%n", took.toMillis() / 1000.0);
    out.flush();
  }

  private Store openStore() {
    try {
      return Stores.open(db == null || db.isBlank() ? null : db, dataDir, null, null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--db: " + e.getMessage());
    }
  }

  private static ProgressBar progressBar(PrintWriter err, long minutes) {
    return new ProgressBarBuilder().setTaskName("backfill").setInitialMax(minutes)
        .setUnit(" min", 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setConsumer(new DelegatingProgressBarConsumer(line -> {
          err.print('\r' + line);
          err.flush();
        }, 100)).build();
  }

  private URI url() {
    if (prometheus == null || prometheus.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--prometheus: missing. Expected the "
          + "base URL of Prometheus, e.g. --prometheus http://localhost:9090, or "
          + "NINES_PROMETHEUS_URL");
    }
    try {
      return PrometheusClient.parseUrl(prometheus);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--prometheus: " + e.getMessage());
    }
  }

  private List<PrometheusSli> choose(PrometheusSli.Selection selection) {
    if (slos == null || slos.isEmpty()) {
      return selection.slis();
    }
    for (String name : slos) {
      if (!selection.names().contains(name)) {
        throw new ParameterException(spec.commandLine(), "--slo: '" + name + "' is not a "
            + "Prometheus SLO of " + specFile + ". Expected one of "
            + String.join(", ", selection.names()));
      }
    }
    return selection.slis().stream().filter(s -> slos.contains(s.slo())).toList();
  }

  /** The epoch minute holding a time given as an instant, epoch seconds, now or now-DURATION. */
  private long minute(String option, String text, Instant now) {
    try {
      String s = text.strip();
      Instant t = s.equals("now") ? now
          : s.startsWith("now-") ? now.minus(Durations.parse(s.substring(4)))
          : ObservationCsv.parseTime(s);
      return Math.floorDiv(t.getEpochSecond(), 60);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }
}
