package dev.nines.web;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar target/nines.jar serve} as a child process of the test JVM (same JDK), on
 * a free port, with examples/logistics.yaml; its output goes to files in {@code logDir}.
 * {@link #kill()} is SIGKILL, {@link #stop()} a graceful SIGTERM.
 */
final class ChildServer implements AutoCloseable {
  static final String TOKEN = "child-token-with-every-scope";
  private static final Pattern SERVING = Pattern.compile(" on http://[^:]+:(\\d+) ");

  private final Process process;
  private final Path err;
  private final int port;

  private ChildServer(Process process, Path err, int port) {
    this.process = process;
    this.err = err;
    this.port = port;
  }

  /**
   * Starts a server and waits until it serves.
   *
   * @param dbUrl a JDBC URL, or null for SQLite in {@code dataDir}
   * @param name names the output files, e.g. {@code first}
   */
  static ChildServer start(Path dataDir, String dbUrl, Path logDir, String name) throws Exception {
    return start(Path.of("examples/logistics.yaml"), dataDir, dbUrl, logDir, name, Map.of());
  }

  /**
   * Starts a server over {@code spec} with {@code env} added to its environment, and waits
   * until it serves.
   */
  static ChildServer start(Path spec, Path dataDir, String dbUrl, Path logDir, String name,
      Map<String, String> env) throws Exception {
    Path jar = Path.of("target", "nines.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + ": missing. Expected the shaded jar "
          + "(integration tests run after mvn package)");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "serve",
        "--spec", spec.toString(), "--data-dir", dataDir.toString(), "--port", "0"));
    if (dbUrl != null) {
      command.addAll(List.of("--db", dbUrl));
    }
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".err");
    ProcessBuilder b = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    b.environment().keySet().removeIf(k -> k.startsWith("NINES_"));
    b.environment().put("NINES_API_TOKEN", TOKEN);
    b.environment().putAll(env);
    Process p = b.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(Files.readString(out));
      if (m.find()) {
        return new ChildServer(p, err, Integer.parseInt(m.group(1)));
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("nines serve exited with " + p.exitValue() + ":\n"
            + Files.readString(err));
      }
      Thread.sleep(50);
    }
    p.destroyForcibly().waitFor();
    throw new IllegalStateException("nines serve did not start in 60 s:\n" + Files.readString(err));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  long pid() {
    return process.pid();
  }

  /** Kills the server with SIGKILL (no shutdown hook runs) and returns its exit code. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("pid " + process.pid() + " survived SIGKILL for 30 s");
    }
    return process.exitValue();
  }

  /** Stops the server with SIGTERM (graceful: it writes what it acknowledged, then exits). */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
      throw new IllegalStateException("pid " + process.pid() + " ignored SIGTERM for 30 s");
    }
    return process.exitValue();
  }

  /** What the server wrote to stderr so far, for failure messages. */
  String log() {
    try {
      return Files.readString(err);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
