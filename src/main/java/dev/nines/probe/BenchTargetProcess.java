package dev.nines.probe;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The running {@link BenchTarget} of a benchmark: a child JVM on this JVM's class path (so its
 * CPU is measured apart), or a server inside this JVM.
 */
final class BenchTargetProcess implements AutoCloseable {
  private final Process process;
  private final HttpServer server;
  private final int port;

  private BenchTargetProcess(Process process, HttpServer server, int port) {
    this.process = process;
    this.server = server;
    this.port = port;
  }

  static BenchTargetProcess spawn() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder b = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), BenchTarget.class.getName())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = b.start();
      BufferedReader lines = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
      String first = lines.readLine();
      if (first == null || !first.startsWith("port ")) {
        p.destroyForcibly();
        throw new IllegalStateException("bench target: printed '" + first + "'. Expected "
            + "'port N' on its first line");
      }
      return new BenchTargetProcess(p, null, Integer.parseInt(first.substring(5).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("bench target: cannot start " + java, e);
    }
  }

  static BenchTargetProcess inProcess() {
    try {
      HttpServer s = BenchTarget.start();
      return new BenchTargetProcess(null, s, s.getAddress().getPort());
    } catch (IOException e) {
      throw new UncheckedIOException("bench target: cannot listen on loopback", e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port + "/healthz";
  }

  boolean separate() {
    return process != null;
  }

  String description() {
    return url() + (separate() ? " (separate JVM, pid " + process.pid() + ")" : " (in-process)");
  }

  /** CPU time of the target process so far, or 0 when it runs in this JVM. */
  double cpuSeconds() {
    return process == null ? 0 : process.info().totalCpuDuration().orElse(Duration.ZERO)
        .toNanos() / 1e9;
  }

  @Override public void close() {
    if (server != null) {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
      return;
    }
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
