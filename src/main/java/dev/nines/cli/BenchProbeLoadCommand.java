package dev.nines.cli;

import dev.nines.bench.ProbeLoad;
import dev.nines.model.Durations;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nines bench probe-load}: asks a prober (blackbox_exporter's {@code /probe}) for checks
 * at a fixed rate; {@code bench/probes-vs-blackbox.sh} runs it to compare CPU per check.
 */
@Command(name = "probe-load", mixinStandardHelpOptions = true, description = "GET a URL at a "
    + "fixed rate over kept-alive connections (as Prometheus scrapes blackbox_exporter) and "
    + "count the answers with probe_success 1 in the measured window.")
final class BenchProbeLoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL",
      description = "e.g. http://127.0.0.1:9115/probe?module=http_2xx&target=...")
  String url;

  @Option(names = "--rate", defaultValue = "1000", paramLabel = "N",
      description = "Requests per second (default 1,000).")
  int rate;

  @Option(names = "--connections", defaultValue = "64", paramLabel = "C",
      description = "Senders, each on its own connection (default 64).")
  int connections;

  @Option(names = "--warmup", defaultValue = "10s", paramLabel = "D") String warmup;

  @Option(names = "--duration", defaultValue = "60s", paramLabel = "D",
      description = "The measured window after the warm-up (default 60s).")
  String duration;

  @Option(names = "--pid", defaultValue = "0", paramLabel = "PID",
      description = "The prober's process: its CPU seconds in the window are printed.")
  long pid;

  @Override public Integer call() throws Exception {
    ProbeLoad.Result r = new ProbeLoad(URI.create(url), rate, connections)
        .run(Durations.parse(warmup), Durations.parse(duration), pid, spec.commandLine().getOut());
    return r.failed() == 0 ? 0 : 1;
  }
}
