package dev.nines.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.testing.FakeClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting and stopping a server, again and again, with everything a server runs (probes, the
 * Prometheus puller, the ticker, the reloader, the writer, the HTTP server): nothing it started
 * outlives it, neither a thread, nor a listening port, nor an open file.
 */
class ServerLifecycleTest {
  private static final int CYCLES = 15;
  @TempDir Path dir;
  Path spec;
  URI prometheus;

  @BeforeEach
  void writeSpec() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      prometheus = URI.create("http://127.0.0.1:" + free.getLocalPort());  // nobody answers
    }
    spec = dir.resolve("spec.yaml");
    Files.writeString(spec, """
        apiVersion: nines/v1
        regions: [local]
        services: [{name: web}]
        monitors:
          - {name: port, service: web, kind: tcp, interval: 1s, target: "127.0.0.1:9"}
        slos:
          - name: web-ok
            service: web
            sli:
              kind: availability
              source:
                prometheus:
                  good: 'sum(rate(ok[{{.window}}]))'
                  valid: 'sum(rate(all[{{.window}}]))'
            target: 99
            window: 30d
            owner: team
        """);
  }

  private NinesServer start(int port) throws Exception {
    return NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", port, 1 << 20, 1000, "lifecycle-token", true, prometheus), new FakeClock());
  }

  /** Live platform threads by name and id (virtual threads are not listed, and end anyway). */
  private static Map<String, Thread> threads() {
    Map<String, Thread> all = new TreeMap<>();
    Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .forEach(t -> all.put(t.getName() + "#" + t.threadId(), t));
    return all;
  }

  /**
   * Threads alive now that were not {@code before}, once each has had a moment to finish
   * exiting (an executor counts as terminated just before its last thread returns).
   */
  private static Map<String, String> leftSince(Map<String, Thread> before)
      throws InterruptedException {
    Map<String, String> left = new TreeMap<>();
    for (Map.Entry<String, Thread> t : threads().entrySet()) {
      if (!before.containsKey(t.getKey())) {
        t.getValue().join(200);
        if (t.getValue().isAlive()) {
          left.put(t.getKey(), java.util.Arrays.toString(t.getValue().getStackTrace()));
        }
      }
    }
    return left;
  }

  /**
   * Open file descriptors but the class path's jars (opened once, when a class is first
   * loaded), by what they are: sockets, pipes, epoll instances, files.
   */
  private static java.util.Map<String, Long> openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.map(f -> {
        try {
          return Files.readSymbolicLink(f).toString().replaceAll("\\[[0-9]+\\]", "");
        } catch (IOException e) {
          return "closed while listed";
        }
      }).filter(f -> !f.endsWith(".jar") && !f.startsWith("/proc/"))
          .collect(Collectors.groupingBy(f -> f, TreeMap::new, Collectors.counting()));
    }
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void startingAndStoppingAgainAndAgainLeavesNoThreadPortOrFileBehind() throws Exception {
    start(0).close();                      // JVM-wide threads (carriers, cleaners) start here
    Map<String, Thread> before = threads();
    Map<String, Long> filesBefore = openFiles();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < CYCLES; i++) {
      try (NinesServer server = start(0)) {
        ports.add(server.port());
        Thread.sleep(i % 3 * 300L);        // let the ticker, probes and the puller run a while
      }
      assertThat(leftSince(before)).as("threads left after stop #" + i).isEmpty();
    }
    assertThat(ports).allMatch(ServerLifecycleTest::free);
    // Sockets of the last checks may still be closing (their close is asynchronous): wait a
    // moment for the descriptors to settle, then none may be left.
    // Also those of the warm-up start may close meanwhile: none may be open beyond the count
    // of their kind before the loop.
    Map<String, Long> files = openFiles();
    for (int i = 0; i < 40 && !noMoreThan(files, filesBefore); i++) {
      Thread.sleep(50);
      files = openFiles();
    }
    assertThat(noMoreThan(files, filesBefore)).as("open files %s, before %s", files,
        filesBefore).isTrue();
  }

  /** Whether every kind of descriptor in {@code now} is at most as many as in {@code before}. */
  private static boolean noMoreThan(Map<String, Long> now, Map<String, Long> before) {
    return now.entrySet().stream().allMatch(e -> e.getValue() <= before.getOrDefault(e.getKey(),
        0L));
  }

  @Test
  void aStartThatFailsOnABusyPortClosesEverythingItOpened() throws Exception {
    start(0).close();
    Map<String, Thread> before = threads();
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> start(busy.getLocalPort())).hasRootCauseInstanceOf(
          java.net.BindException.class);
    }
    assertThat(leftSince(before)).as("threads left by the failed start").isEmpty();
    start(0).close();                      // the store was closed: it opens again
  }
}
