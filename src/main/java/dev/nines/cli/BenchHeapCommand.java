package dev.nines.cli;

import dev.nines.bench.HeapBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nines bench heap}: the heap of a server holding many SLIs' minute buckets. */
@Command(name = "heap", mixinStandardHelpOptions = true, description = "Write a spec of N event "
    + "SLOs and D days of minute buckets for each, start `nines serve` on them in a child JVM "
    + "with a capped heap, and print its heap in use after a full GC (jcmd GC.heap_info).")
final class BenchHeapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Option(names = "--slos", defaultValue = "1000") int slos;
  @Option(names = "--days", defaultValue = "30") int days;
  @Option(names = "--dir", defaultValue = "/tmp/nines-bench-heap", paramLabel = "DIR",
      description = "Where the spec and the SQLite store go; a store filled by an earlier run "
          + "with the same --slos and --days is reused (default /tmp/nines-bench-heap).")
  Path dir;
  @Option(names = "--server-heap", defaultValue = "256m", paramLabel = "SIZE",
      description = "The server's -Xmx (default 256m).")
  String serverHeap;

  @Override public Integer call() throws Exception {
    new HeapBenchmark(slos, days, dir, serverHeap, spec.commandLine().getOut()).run();
    return 0;
  }
}
