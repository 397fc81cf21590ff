package dev.nines.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own for a fault test, on a free port with its data under /tmp,
 * run by scripts/postgres-test-server.sh (initdb and pg_ctl as the postgres user), so that
 * stopping it touches no other test. {@link #close()} stops it and deletes its data.
 */
final class ThrowawayPostgres implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final String url;

  private ThrowawayPostgres(int port, Path dir, String url) {
    this.port = port;
    this.dir = dir;
    this.url = url;
  }

  /** Creates and starts a cluster; returns once it accepts connections. */
  static ThrowawayPostgres start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path dir = Path.of("/tmp", "nines-pg-fault-" + port);
    String[] lines = script("start", port, dir).strip().split("\n");
    String url = lines[lines.length - 1].strip();
    return new ThrowawayPostgres(port, dir, url);
  }

  String url() {
    return url;
  }

  /** Stops the server (pg_ctl stop -m fast: sessions are ended); the data stays. */
  void stop() throws Exception {
    script("stop", port, dir);
  }

  /** Starts the stopped server again on the same data. */
  void restart() throws Exception {
    script("start", port, dir);
  }

  private static String script(String command, int port, Path dir) throws Exception {
    Path log = Files.createTempFile("nines-pg-script", ".log");
    ProcessBuilder b = new ProcessBuilder("scripts/postgres-test-server.sh", command)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    b.environment().put("NINES_PG_PORT", Integer.toString(port));
    b.environment().put("NINES_PG_DIR", dir.toString());
    b.environment().remove("NINES_PG_DB");
    Process p = b.start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("postgres-test-server.sh " + command + " took over 90 s");
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    if (p.exitValue() != 0) {
      throw new IllegalStateException("postgres-test-server.sh " + command + " failed with "
          + p.exitValue() + ": " + out);
    }
    return out;
  }

  @Override public void close() throws Exception {
    try {
      stop();
    } finally {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(ThrowawayPostgres::deleteQuietly);
        }
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      // a leftover in /tmp is harmless
    }
  }
}
