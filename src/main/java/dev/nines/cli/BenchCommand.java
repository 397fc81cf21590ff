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
        BenchIngestCommand.class, BenchHeapCommand.class})
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

  @Command(name = "validate", description = "Read and validate a generated spec of many SLOs.")
  static final class Validate implements Runnable {
    @Spec CommandSpec spec;
    @Option(names = "--slos", defaultValue = "1000") int slos;
    @Option(names = "--runs", defaultValue = "11") int runs;

    @Override public void run() {
      new SpecBenchmark(slos, spec.commandLine().getOut()).run(runs);
    }
  }
}
