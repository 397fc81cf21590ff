package dev.nines.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nines.probe.CheckResult;
import dev.nines.probe.Phases;
import dev.nines.probe.ProbeClock;
import dev.nines.probe.ProbeEngine;
import dev.nines.testing.FakeClock;
import dev.nines.testing.LogCapture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent against a fake server, with an engine whose clock can be made to fail once. */
class AgentTest {
  @TempDir Path dir;
  HttpServer server;
  final AtomicReference<String> assignments = new AtomicReference<>(spec("a"));

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String spec(String monitor) {
    return """
        apiVersion: nines/v1
        regions: [remote]
        services: [{name: web}]
        monitors:
          - {name: %s, service: web, kind: tcp, interval: 1h, target: "127.0.0.1:9"}
        """.formatted(monitor);
  }

  /** A clock that never runs its tasks, and throws from {@code now()} once when armed. */
  private static final class BreakingClock implements ProbeClock {
    final AtomicBoolean armed = new AtomicBoolean();

    @Override public Instant now() {
      if (armed.getAndSet(false)) {
        throw new IllegalStateException("the clock broke");
      }
      return FakeClock.NOW;
    }

    @Override public Cancellable schedule(Instant at, Runnable task) {
      return () -> { };
    }
  }

  @Test
  void anExceptionWhileRefreshingAssignmentsIsLoggedAndTheNextRefreshGoesOn() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/agent/assignments", x -> {
      byte[] body = assignments.get().getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    server.createContext("/api/v1/agent/results", x -> {
      x.sendResponseHeaders(202, -1);
      x.close();
    });
    server.start();
    BreakingClock clock = new BreakingClock();
    Agent.Config config = new Agent.Config(URI.create("http://127.0.0.1:"
        + server.getAddress().getPort()), "remote", "t", dir, Duration.ofHours(1),
        Duration.ofMillis(50));
    try (LogCapture log = LogCapture.warnings(Agent.class);
        Agent agent = new Agent(config, sink -> new ProbeEngine("remote", clock,
            m -> CheckResult.passed(200, Phases.total(1)), Runnable::run, sink))) {
      assertThat(agent.monitors()).containsExactly("a");
      clock.armed.set(true);
      assignments.set(spec("b"));

      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!agent.monitors().equals(List.of("b")) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(clock.armed).as("the refresh met the broken clock").isFalse();
      assertThat(agent.monitors()).containsExactly("b");
      assertThat(log.lines()).contains("ERROR assignments: refreshing failed; keeping the "
          + "current monitors and trying again in 50ms");
    }
  }
}
