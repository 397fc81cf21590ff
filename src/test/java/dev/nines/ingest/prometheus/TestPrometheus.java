package dev.nines.ingest.prometheus;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Prometheus on a free loopback port, serving TSDB blocks that promtool made from the
 * OpenMetrics text of {@link PromFixture}: exact, known data in the past. Needs the Debian
 * package ({@code apt-get install prometheus}: /usr/bin/prometheus and /usr/bin/promtool, or
 * set PROMETHEUS_BIN_DIR); without it the tests fail under CI=true and are skipped elsewhere.
 * One server is shared by the whole test run and stopped at its end.
 */
public final class TestPrometheus implements AutoCloseable {
  private static final Path BIN_DIR = Path.of(System.getenv().getOrDefault(
      "PROMETHEUS_BIN_DIR", "/usr/bin"));

  private final Process process;
  private final Path dir;
  private final URI url;

  private TestPrometheus(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.url = URI.create("http://127.0.0.1:" + port);
  }

  /** The base URL of the server. */
  public URI url() {
    return url;
  }

  /** Starts it, trying a few free ports in case one is taken meanwhile. */
  static TestPrometheus start() throws Exception {
    Path dir = Files.createTempDirectory("nines-prometheus");
    Files.writeString(dir.resolve("data.om"), PromFixture.openMetrics());
    run(dir, BIN_DIR.resolve("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
        dir.resolve("data.om").toString(), dir.resolve("tsdb").toString());
    Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n");
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Process p = new ProcessBuilder(BIN_DIR.resolve("prometheus").toString(),
          "--config.file=" + dir.resolve("prometheus.yml"),
          "--storage.tsdb.path=" + dir.resolve("tsdb"),
          "--storage.tsdb.retention.time=100y",
          "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      TestPrometheus prom = new TestPrometheus(p, dir, port);
      if (prom.awaitReady()) {
        return prom;
      }
      p.destroyForcibly().waitFor();
    }
    throw new IllegalStateException("prometheus did not start; see " + dir.resolve("prometheus.log")
        + ":\n" + Files.readString(dir.resolve("prometheus.log")));
  }

  private boolean awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpURLConnection c = (HttpURLConnection) url.resolve("/-/ready").toURL().openConnection();
        c.setConnectTimeout(1000);
        if (c.getResponseCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static void run(Path dir, String... command) throws Exception {
    Path log = dir.resolve("promtool.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed:\n"
          + Files.readString(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Stops the server and deletes its data. */
  @Override public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  /**
   * Starts the shared server before a test class or method (failing under CI, skipping
   * elsewhere when Prometheus is not installed) and hands it to parameters of type
   * TestPrometheus.
   */
  public static final class Extension implements BeforeAllCallback, BeforeEachCallback,
      ParameterResolver {
    private static final ExtensionContext.Namespace NS =
        ExtensionContext.Namespace.create(TestPrometheus.class);

    @Override public void beforeAll(ExtensionContext context) {
      requireInstalled();
      shared(context);
    }

    @Override public void beforeEach(ExtensionContext context) {
      requireInstalled();
      shared(context);
    }

    private static void requireInstalled() {
      List<Path> missing = Stream.of("prometheus", "promtool").map(BIN_DIR::resolve)
          .filter(p -> !Files.isExecutable(p)).toList();
      if (!missing.isEmpty() && "true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(missing + " missing: CI must install Prometheus "
            + "(apt-get install prometheus)");
      }
      assumeTrue(missing.isEmpty(), missing + " missing; apt-get install prometheus");
    }

    @Override public boolean supportsParameter(ParameterContext p, ExtensionContext context) {
      return p.getParameter().getType() == TestPrometheus.class;
    }

    @Override public Object resolveParameter(ParameterContext p, ExtensionContext context) {
      return shared(context);
    }

    private static TestPrometheus shared(ExtensionContext context) {
      return context.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> {
        try {
          return TestPrometheus.start();
        } catch (Exception e) {
          throw new IllegalStateException("cannot start prometheus", e);
        }
      }, TestPrometheus.class);
    }
  }
}
