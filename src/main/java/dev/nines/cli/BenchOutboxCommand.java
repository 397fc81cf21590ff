package dev.nines.cli;

import dev.nines.bench.OutboxBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nines bench outbox}: notifications through the outbox to a local webhook. */
@Command(name = "outbox", mixinStandardHelpOptions = true, description = "Enqueue many "
    + "notifications into a fresh SQLite store and time the background sender delivering "
    + "them, signed, to a webhook receiver in this JVM (keep-alive); baseline: the same POSTs "
    + "without the outbox.")
final class BenchOutboxCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--notifications", defaultValue = "20000", paramLabel = "N",
      description = "Notifications per run (default 20,000).")
  int notifications;

  @Option(names = "--concurrency", defaultValue = "16", paramLabel = "C",
      description = "Sends at the same time (default 16, the server's default).")
  int concurrency;

  @Option(names = "--batch", defaultValue = "100", paramLabel = "B",
      description = "Rows a claim takes (default 100, the server's default).")
  int batch;

  @Option(names = "--runs", defaultValue = "5", paramLabel = "R",
      description = "Measured runs after one warm-up (default 5).")
  int runs;

  @Override public Integer call() throws Exception {
    new OutboxBenchmark(notifications, concurrency, batch, spec.commandLine().getOut()).run(runs);
    return 0;
  }
}
