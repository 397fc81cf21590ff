package dev.nines.cli;

import dev.nines.bench.ReloadBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nines bench reload}: ingestion latency while a spec reload rebuilds the live windows. */
@Command(name = "reload", mixinStandardHelpOptions = true, description = "Start `nines serve` "
    + "in a child JVM on the store of `bench heap` (N event SLOs, D days of minute buckets), "
    + "post batches of events to it without pause, reload the spec once, and print request "
    + "latency before and during the reload.")
final class BenchReloadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Option(names = "--slos", defaultValue = "1000") int slos;
  @Option(names = "--days", defaultValue = "30") int days;
  @Option(names = "--dir", defaultValue = "/tmp/nines-bench-heap", paramLabel = "DIR",
      description = "Where the spec and the SQLite store are; shared with `bench heap`, whose "
          + "filled store is reused (default /tmp/nines-bench-heap).")
  Path dir;
  @Option(names = "--server-heap", defaultValue = "1g", paramLabel = "SIZE",
      description = "The server's -Xmx (default 1g: the old and new windows live side by side "
          + "during a reload).")
  String serverHeap;
  @Option(names = "--server-opt", paramLabel = "OPTION", description = "An extra JVM option "
      + "for the server, e.g. --server-opt=-XX:+UseZGC (repeatable).")
  java.util.List<String> serverOptions = new java.util.ArrayList<>();
  @Option(names = "--connections", defaultValue = "4") int connections;
  @Option(names = "--batch", defaultValue = "100", description = "Events per request.")
  int batch;
  @Option(names = "--before", defaultValue = "20s", description = "Load before the reload.")
  String before;
  @Option(names = "--after", defaultValue = "5s", description = "Load after the reload.")
  String after;

  @Override public Integer call() throws Exception {
    new ReloadBenchmark(new ReloadBenchmark.Options(slos, days, dir, serverHeap, connections,
        batch, dev.nines.model.Durations.parse(before), dev.nines.model.Durations.parse(after),
        serverOptions),
        spec.commandLine().getOut()).run();
    return 0;
  }
}
