package dev.nines.cli;

import dev.nines.bench.EventBodies;
import dev.nines.bench.IngestBenchmark;
import dev.nines.bench.IngestResult;
import dev.nines.model.Durations;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nines bench ingest}: a load generator for a running server's events API; run it in
 * its own process (bench/ingest.sh starts a server and runs it).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Post batches of "
    + "realistic request events to a running Nines server and print the sustained rate of "
    + "acknowledged (202) events, request latency and errors. Retries 429 and 503 honouring "
    + "Retry-After, with the same Idempotency-Key.")
final class BenchIngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL",
      description = "The server, e.g. http://127.0.0.1:8080 (/api/v1/events is added).")
  String url;

  @Option(names = "--token", defaultValue = "${env:NINES_API_TOKEN}", paramLabel = "TOKEN",
      description = "An API token with events:write. Env: NINES_API_TOKEN.")
  String token;

  @Option(names = "--spec", defaultValue = "examples/logistics.yaml", paramLabel = "FILE",
      description = "The spec the server runs; events go to its endpoints "
          + "(default examples/logistics.yaml).")
  Path specFile;

  @Option(names = "--events", defaultValue = "9223372036854775807", paramLabel = "N",
      description = "Stop once this many events are acknowledged (default: no limit).")
  long events;

  @Option(names = "--batch", defaultValue = "1000", paramLabel = "B",
      description = "Events per request (default 1,000).")
  int batch;

  @Option(names = "--connections", defaultValue = "8", paramLabel = "C",
      description = "Requests in flight at once (default 8).")
  int connections;

  @Option(names = "--duration", defaultValue = "30s", paramLabel = "D",
      description = "How long to send, e.g. 30s, 2m (default 30s).")
  String duration;

  @Option(names = "--bodies", defaultValue = "64", paramLabel = "K",
      description = "Distinct pre-serialised batch bodies to cycle through (default 64).")
  int bodies;

  @Override public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (token == null || token.isBlank()) {
      err.println("--token: missing. Expected an API token with events:write, or NINES_API_TOKEN");
      err.flush();
      return 2;
    }
    URI target = URI.create(url);
    if (target.getPath() == null || target.getPath().isEmpty() || target.getPath().equals("/")) {
      target = target.resolve("/api/v1/events");
    }
    EventBodies generator;
    try {
      generator = new EventBodies(SpecReader.read(specFile).spec(), 42);
    } catch (SpecException e) {
      e.problems().forEach(err::println);
      err.flush();
      return 1;
    }
    IngestBenchmark bench = new IngestBenchmark(new IngestBenchmark.Options(target, token.strip(),
        generator.bodies(bodies, batch, Instant.now()), batch, connections,
        Durations.parse(duration), events));
    bench.describe(out);
    IngestResult result = bench.run();
    result.print(out);
    return result.events() > 0 ? 0 : 1;
  }
}
