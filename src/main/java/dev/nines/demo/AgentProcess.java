package dev.nines.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One probe region's {@code nines agent}, run as a child JVM of the same JDK and class path
 * (the shaded jar, or the build's classes). It resolves {@code localhost} through a hosts file
 * of its own ({@code -Djdk.net.hosts.file}) to its region's {@link RegionLink} address, so its
 * network is the link; it is told the demo's pid and stops when the demo does, even when the
 * demo is killed. Its output goes to a log file.
 */
final class AgentProcess implements AutoCloseable {
  private final String region;
  private final Process process;
  private final Path log;

  private AgentProcess(String region, Process process, Path log) {
    this.region = region;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the agent of {@code region}.
   *
   * @param server the Nines server as the agent reaches it ({@code http://localhost:PORT})
   * @param localhost what {@code localhost} resolves to for the agent: its link's address
   * @param dir the agent's directory: hosts file and spool
   */
  static AgentProcess start(String region, URI server, String token, InetAddress localhost,
      Path dir, Path log) throws IOException {
    Files.createDirectories(dir);
    Files.createDirectories(log.getParent());
    // The last run's assignments name the last run's ports: the agent would probe those first.
    Files.deleteIfExists(dir.resolve("spool").resolve("assignments.yaml"));
    Path hosts = dir.resolve("hosts");
    Files.writeString(hosts, "# the network of probe region " + region + " (nines demo)\n"
        + localhost.getHostAddress() + " localhost\n");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djdk.net.hosts.file=" + hosts.toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), "dev.nines.cli.Main", "agent",
        "--server", server.toString(), "--region", region,
        "--spool", dir.resolve("spool").toAbsolutePath().toString(),
        "--parent-pid", Long.toString(ProcessHandle.current().pid())));
    ProcessBuilder b = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    b.environment().put("NINES_AGENT_TOKEN", token);
    return new AgentProcess(region, b.start(), log);
  }

  String region() {
    return region;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Stops the agent: SIGTERM (it pushes what it spooled), then SIGKILL after 10 s. */
  @Override public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
