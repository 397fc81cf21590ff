package dev.nines.cli;

import dev.nines.ingest.prometheus.PrometheusClient;
import dev.nines.server.NinesServer;
import dev.nines.spec.SpecException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nines serve}: ingestion, live SLO evaluation and the API in one process. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run Nines: the events and observations API, live budgets and burn rates "
        + "of every SLO, SLOs with a Prometheus source pulled from --prometheus every minute, "
        + "on SQLite under --data-dir (default) or the database --db names.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The Nines spec.")
  Path specFile;

  @Option(names = "--db", paramLabel = "URL", defaultValue = "${env:NINES_DB_URL}",
      description = "JDBC URL (jdbc:postgresql://HOST/DB?user=U&password=P); default: SQLite "
          + "in the data directory. Env: NINES_DB_URL.")
  String db;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:NINES_DATA_DIR:-data}",
      description = "Where the SQLite file lives (default ./data). Env: NINES_DATA_DIR.")
  Path dataDir;

  @Option(names = "--prometheus", paramLabel = "URL", defaultValue = "${env:NINES_PROMETHEUS_URL}",
      description = "Base URL of the Prometheus that SLOs with a Prometheus source are pulled "
          + "from every minute, e.g. http://localhost:9090. Env: NINES_PROMETHEUS_URL.")
  String prometheus;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on "
      + "(default 127.0.0.1).")
  String host;

  @Option(names = "--port", defaultValue = "${env:NINES_PORT:-8080}", description = "HTTP port "
      + "(default 8080; 0 picks a free one). Env: NINES_PORT.")
  int port;

  @Option(names = "--max-body", defaultValue = "16777216", paramLabel = "BYTES",
      description = "Largest accepted request body (default 16 MiB).")
  long maxBody;

  @Option(names = "--max-queued-events", defaultValue = "2000000", paramLabel = "N",
      description = "Events waiting to be written before new batches get 429 (default 2,000,000).")
  long maxQueued;

  @Option(names = "--no-probes", description = "Do not run monitors from this process (only "
      + "agents probe).")
  boolean noProbes;

  @Override public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    URI prometheusUrl = prometheusUrl();
    NinesServer server;
    try {
      server = NinesServer.start(new NinesServer.Config(specFile, blank(db), dataDir, host, port,
          maxBody, maxQueued, blank(System.getenv("NINES_API_TOKEN")), !noProbes,
          prometheusUrl),
          Clock.systemUTC());
    } catch (SpecException e) {
      e.problems().forEach(err::println);
      err.flush();
      return 1;
    } catch (dev.nines.spec.SpecFiles.UnreadableException e) {
      err.println(e.getMessage());
      err.flush();
      return 2;
    } catch (NoSuchFileException e) {
      err.println(e.getFile() + ": no such file");
      err.flush();
      return 2;
    } catch (RuntimeException e) {
      err.println(startFailure(e));
      err.flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "nines-shutdown"));
    out.printf("nines: serving %s on http://%s:%d (store: %s)%n", specFile, host, server.port(),
        server.store().dialect());
    out.flush();
    stopped.await();
    return 0;
  }

  private URI prometheusUrl() {
    try {
      return blank(prometheus) == null ? null : PrometheusClient.parseUrl(prometheus);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--prometheus: " + e.getMessage());
    }
  }

  /** What went wrong at start, in one line: a port in use, a database that does not answer. */
  private String startFailure(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) {
        return "--port " + port + ": already in use on " + host + ". Expected a free port";
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String where = db != null && !db.isBlank() ? "--db " + db : "--data-dir " + dataDir;
    return where + ": cannot open the store: " + root.getMessage();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
