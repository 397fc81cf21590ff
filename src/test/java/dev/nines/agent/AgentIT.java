package dev.nines.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nines.server.NinesServer;
import dev.nines.store.Store;
import dev.nines.store.StoredAttempt;
import dev.nines.testing.WallClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent process probing for the "remote" region: killed with SIGKILL and restarted,
 * and cut off from the server for a while; every check reaches the store exactly once, and
 * checks made while the server was down arrive after it is back.
 */
class AgentIT {
  private static final String TOKEN = "agent-it-token";
  @TempDir Path dir;
  HttpServer target;
  NinesServer server;
  Process agent;
  int port;
  Path spec;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.destroyForcibly();
    }
    if (server != null) {
      server.close();
    }
    if (target != null) {
      target.stop(0);
    }
  }

  private void startServer() throws Exception {
    server = NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", port, 1 << 20, 100_000, TOKEN, false), WallClock.clock());
  }

  private Process startAgent() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-jar", "target/nines.jar", "agent",
        "--server", "http://127.0.0.1:" + port, "--region", "remote", "--token", TOKEN,
        "--spool", dir.resolve("spool").toString(), "--push-interval", "300ms")
        .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
  }

  private static void await(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + 40_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private List<StoredAttempt> attempts(Store store) {
    return store.attempts("health", Instant.EPOCH, WallClock.now().plusSeconds(60), 10_000);
  }

  @Test
  void killedAndCutOffAgentsLoseNothingAndDuplicateNothing() throws Exception {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext("/", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    target.start();
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    spec = dir.resolve("spec.yaml");
    Files.writeString(spec, """
        apiVersion: nines/v1
        regions: [local, remote]
        services: [{name: web}]
        monitors:
          - {name: health, service: web, kind: http, interval: 1s, timeout: 1s,
             regions: [remote], request: {url: "http://127.0.0.1:%d/"}}
        """.formatted(target.getAddress().getPort()));
    startServer();
    agent = startAgent();
    await(() -> attempts(server.store()).size() >= 3, "the agent's first attempts");

    agent.destroyForcibly().waitFor();        // SIGKILL mid-run
    agent = startAgent();
    int beforeOutage = attempts(server.store()).size();
    await(() -> attempts(server.store()).size() >= beforeOutage + 2, "attempts after restart");

    server.close();                           // the server goes away for about four seconds
    server = null;
    Instant outageStart = WallClock.now();
    Thread.sleep(4_000);
    Instant outageEnd = WallClock.now();
    startServer();
    await(() -> attempts(server.store()).stream().anyMatch(a -> a.startedAt().isAfter(outageEnd)),
        "attempts after the outage");

    List<StoredAttempt> all = attempts(server.store());
    Set<Instant> starts = new HashSet<>();
    all.forEach(a -> assertThat(starts.add(a.startedAt())).as("duplicate " + a).isTrue());
    long duringOutage = all.stream().filter(a -> a.startedAt().isAfter(outageStart)
        && a.startedAt().isBefore(outageEnd)).count();
    assertThat(duringOutage).as("checks made while the server was down, replayed").isGreaterThanOrEqualTo(3);
    assertThat(all).allMatch(a -> a.region().equals("remote"));
  }
}
