package dev.nines.notify;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Alertmanager (Debian package {@code prometheus-alertmanager}) on a free loopback
 * port with a temporary config and storage, clustering off, that notifies a webhook at once
 * (group_wait 0s, group_interval 1s, resolved alerts too). Without the binary the test fails
 * under CI=true and is skipped elsewhere.
 */
final class TestAlertmanager implements AutoCloseable {
  static final Path BINARY = Path.of(System.getenv().getOrDefault("NINES_ALERTMANAGER",
      "/usr/bin/prometheus-alertmanager"));

  private final Process process;
  private final Path dir;
  private final URI url;

  private TestAlertmanager(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.url = URI.create("http://127.0.0.1:" + port);
  }

  URI url() {
    return url;
  }

  /** Starts one that sends its notifications to {@code webhook}. */
  static TestAlertmanager start(String webhook) throws Exception {
    requireInstalled();
    Path dir = Files.createTempDirectory("nines-alertmanager");
    Files.writeString(dir.resolve("alertmanager.yml"), """
        global:
          resolve_timeout: 1h
        route:
          receiver: hook
          group_by: [alertname, slo]
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: %s
                send_resolved: true
        """.formatted(webhook));
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Process p = new ProcessBuilder(BINARY.toString(),
          "--config.file=" + dir.resolve("alertmanager.yml"),
          "--storage.path=" + dir.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port,
          "--cluster.listen-address=")
          .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile())
          .start();
      TestAlertmanager am = new TestAlertmanager(p, dir, port);
      if (am.awaitReady()) {
        return am;
      }
      p.destroyForcibly().waitFor();
    }
    throw new IllegalStateException("alertmanager did not start:\n"
        + Files.readString(dir.resolve("alertmanager.log")));
  }

  private static void requireInstalled() {
    boolean found = Files.isExecutable(BINARY);
    String why = BINARY + " is missing. Run scripts/install-test-packages.sh "
        + "(Debian package prometheus-alertmanager)";
    if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(why + " (CI=true: the Alertmanager tests must run)");
    }
    assumeTrue(found, why);
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

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
}
