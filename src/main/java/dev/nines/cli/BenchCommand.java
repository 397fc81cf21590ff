package dev.nines.cli;

import dev.nines.bench.EngineBenchmark;
import dev.nines.bench.SpecBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nines bench}: the benchmarks quoted in BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a benchmark and print medians (see BENCHMARKS.md).",
    subcommands = {BenchCommand.Engine.class, BenchCommand.Validate.class,
        BenchCommand.Probes.class, BenchCommand.Console.class, BenchIngestCommand.class,
        BenchHeapCommand.class, BenchReloadCommand.class, BenchCommand.Year.class,
        BenchOutboxCommand.class, BenchCommand.Alerts.class, BenchProbeLoadCommand.class})
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "engine", description = "Budgets and burn rates of many SLOs over minute "
      + "buckets: full evaluation and per-minute incremental update. Needs about 4 GB of heap "
      + "for 10,000 SLOs (NINES_JAVA_OPTS=-Xmx6g).")
  static final class Engine implements Runnable {
    @Spec CommandSpec spec;
    @Option(names = "--slos", defaultValue = "10000") int slos;
    @Option(names = "--days", defaultValue = "30") int days;
    @Option(names = "--runs", defaultValue = "7") int runs;

    @Override public void run() {
      EngineBenchmark b = new EngineBenchmark(slos, days, spec.commandLine().getOut());
      b.run(runs);
      if (b.sink() == 42) {
        spec.commandLine().getOut().println();
      }
    }
  }

  @Command(name = "probes", description = "Many HTTP monitors against a local target running "
      + "in its own JVM: missed checks, lag between planned and actual start, heap, CPU per "
      + "1,000 checks. Run with NINES_JAVA_OPTS=-Xmx512m to hold the heap target.")
  static final class Probes implements Runnable {
    @Spec CommandSpec spec;
    @Option(names = "--monitors", defaultValue = "10000") int monitors;
    @Option(names = "--interval", defaultValue = "10s") String interval;
    @Option(names = "--duration", defaultValue = "5m") String duration;

    @Override public void run() {
      new dev.nines.probe.ProbeBenchmark().run(monitors, dev.nines.model.Durations.parse(interval),
          dev.nines.model.Durations.parse(duration), spec.commandLine().getOut());
    }
  }

  @Command(name = "year", description = "One SLI with a year of minute buckets: the year from "
      + "the hourly rollups, and 30 days minute by minute (SQLite, or --db).")
  static final class Year implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--db", paramLabel = "URL") String db;
    @Option(names = "--runs", defaultValue = "21") int runs;

    @Override public Integer call() throws Exception {
      new dev.nines.bench.StoreYearBenchmark(db, spec.commandLine().getOut()).run(runs);
      return 0;
    }
  }

  @Command(name = "alerts", description = "One alert evaluation cycle over many SLOs and "
      + "monitors (SQLite), against the engine's own status of every SLO.")
  static final class Alerts implements java.util.concurrent.Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--slos", defaultValue = "10000") int slos;
    @Option(names = "--runs", defaultValue = "21") int runs;

    @Override public Integer call() throws Exception {
      new dev.nines.bench.AlertsBenchmark(slos, spec.commandLine().getOut()).run(runs);
      return 0;
    }
  }

  @Command(name = "validate", description = "Read and validate a generated spec of many SLOs.")
  static final class Validate implements Runnable {
    @Spec CommandSpec spec;
    @Option(names = "--slos", defaultValue = "1000") int slos;
    @Option(names = "--runs", defaultValue = "11") int runs;

    @Override public void run() {
      new SpecBenchmark(slos, spec.commandLine().getOut()).run(runs);
    }
  }

  @Command(name = "console", description = "GET /console with many SLOs over loopback, signed "
      + "in as an SRE: the server-side render of the overview.")
  static final class Console implements Runnable {
    @Spec CommandSpec spec;
    @Option(names = "--slos", defaultValue = "1000") int slos;
    @Option(names = "--runs", defaultValue = "31") int runs;

    @Override public void run() {
      new dev.nines.bench.ConsoleBenchmark(slos, spec.commandLine().getOut()).run(runs);
    }
  }
}
