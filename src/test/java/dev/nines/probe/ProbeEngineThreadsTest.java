package dev.nines.probe;

import static dev.nines.probe.TestMonitors.get;
import static dev.nines.probe.TestMonitors.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.MonitorSpec;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine with real threads: concurrency, the watchdog, and real servers on real time. */
class ProbeEngineThreadsTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void checksRunConcurrentlyOnVirtualThreads() throws InterruptedException {
    int monitors = 200;
    CountDownLatch allInFlight = new CountDownLatch(monitors);
    Checker rendezvous = m -> {
      allInFlight.countDown();
      try {
        return allInFlight.await(5, TimeUnit.SECONDS) ? CheckResult.passed(200, Phases.total(1))
            : CheckResult.failed(null, "alone", Phases.NONE);
      } catch (InterruptedException e) {
        return CheckResult.failed(null, "interrupted", Phases.NONE);
      }
    };
    CountDownLatch reported = new CountDownLatch(monitors);
    RecordingSink sink = new RecordingSink(s -> reported.countDown());
    FakeProbeClock clock = new FakeProbeClock(T0);
    try (ProbeEngine engine = new ProbeEngine("local", clock, rendezvous, threads, sink)) {
      engine.update(IntStream.range(0, monitors)
          .mapToObj(i -> scheduled("m" + i, TEN_SECONDS, 0, TEN_SECONDS))
          // The fake clock runs ahead of the threads; no watchdog may fall due in this test.
          .map(m -> TestMonitors.timing(m, TEN_SECONDS, TEN_SECONDS, 0, TEN_SECONDS))
          .toList());

      clock.advance(TEN_SECONDS.minusMillis(1));

      assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(sink.observations).extracting(s -> s.observation().state())
          .containsOnly(State.OK);
    }
  }

  @Test
  void aCheckThatOutlivesItsTimeoutIsInterruptedAndReportedFailed() throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    Checker stuck = m -> {
      entered.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return CheckResult.passed(200, Phases.total(1));
    };
    CountDownLatch reported = new CountDownLatch(1);
    RecordingSink sink = new RecordingSink(s -> reported.countDown());
    FakeProbeClock clock = new FakeProbeClock(T0);
    MonitorSpec api = scheduled("api", Duration.ofSeconds(30), 0, Duration.ofSeconds(5));
    try (ProbeEngine engine = new ProbeEngine("local", clock, stuck, threads, sink)) {
      engine.update(List.of(api));
      // Stop the clock at the first check: the check thread reads its start then, whenever it
      // runs. Past it, the watchdog could fall due before the test looks, and again and again.
      clock.advance(Duration.between(T0, ProbeEngine.first(api, T0)));
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

      clock.advance(Duration.ofMillis(2_500));

      assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(sink.observations).extracting(RecordingSink.Seen::message).containsExactly(
          "api: no result after 2500 ms. Expected the check to end within its 2000 ms timeout");
      assertThat(engine.stats().watchdogTimeouts()).isEqualTo(1);
    }
  }

  @Test
  void checksStuckPastDifferentTimeoutsAreEachEndedAtTheirOwnLimit() throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(2);
    Checker stuck = m -> {
      entered.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        // The watchdog ended the check.
      }
      return CheckResult.passed(200, Phases.total(1));
    };
    java.util.concurrent.Semaphore reported = new java.util.concurrent.Semaphore(0);
    RecordingSink sink = new RecordingSink(s -> reported.release());
    FakeProbeClock clock = new FakeProbeClock(T0);
    MonitorSpec fast = scheduled("fast", Duration.ofSeconds(30), 0, Duration.ofSeconds(5));
    MonitorSpec slow = TestMonitors.timing(scheduled("slow", Duration.ofSeconds(30), 0,
        Duration.ofSeconds(5)), Duration.ofSeconds(30), Duration.ofSeconds(4), 0,
        Duration.ofSeconds(5));
    try (ProbeEngine engine = new ProbeEngine("local", clock, stuck, threads, sink)) {
      engine.update(List.of(fast, slow));
      Instant first = ProbeEngine.first(fast, T0).isAfter(ProbeEngine.first(slow, T0))
          ? ProbeEngine.first(fast, T0) : ProbeEngine.first(slow, T0);
      // Both start within the first second, so neither limit falls before `first` + 2.5 s.
      clock.advance(Duration.between(T0, first));
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

      clock.advance(Duration.ofMillis(2_500));
      assertThat(reported.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
      assertThat(sink.observations).extracting(RecordingSink.Seen::monitor)
          .containsExactly("fast");

      clock.advance(Duration.ofMillis(2_500));
      assertThat(reported.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
      assertThat(sink.observations).extracting(RecordingSink.Seen::message).containsExactly(
          "fast: no result after 2500 ms. Expected the check to end within its 2000 ms timeout",
          "slow: no result after 4500 ms. Expected the check to end within its 4000 ms timeout");
      assertThat(engine.stats().watchdogTimeouts()).isEqualTo(2);
    }
  }

  @Test
  void healthyFlappingAndBrokenTargetsOnRealTime() throws InterruptedException {
    AtomicInteger flips = new AtomicInteger();
    Map<String, State> awaited = Map.of("healthy", State.OK, "flapping", State.OK,
        "broken", State.ERROR);
    Map<String, CountDownLatch> seen = new ConcurrentHashMap<>();
    awaited.keySet().forEach(name -> seen.put(name, new CountDownLatch(1)));
    RecordingSink sink = new RecordingSink(s -> {
      if (awaited.get(s.monitor()) == s.observation().state()) {
        seen.get(s.monitor()).countDown();
      }
    });
    try (TestServer server = TestServer.http()
        .route("/healthz", x -> TestServer.respond(x, 200, "ok"))
        .route("/flap", x -> TestServer.respond(x, flips.getAndIncrement() % 2 == 0 ? 500 : 200,
            "flap"))
        .route("/boom", x -> TestServer.respond(x, 500, "down"));
        ProbeEngine engine = ProbeEngine.start("local", sink)) {
      warmUp(server.url("/healthz"));
      engine.update(List.of(live("healthy", server.url("/healthz")),
          live("flapping", server.url("/flap")), live("broken", server.url("/boom"))));

      for (CountDownLatch latch : seen.values()) {
        assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
      }
    }

    assertThat(states(sink, "flapping").subList(0, 2))
        .containsExactly(State.UNKNOWN, State.OK);
    List<RecordingSink.Seen> broken = sink.observations("broken");
    Observation pending = broken.get(0).observation();
    assertThat(pending.state()).isEqualTo(State.UNKNOWN);
    assertThat(broken.get(1).observation()).isEqualTo(new Observation(pending.time(),
        State.ERROR));
    assertThat(broken.get(1).message()).isEqualTo("status 500: not accepted. Expected 200-399");
    assertThat(sink.attempts("healthy")).allSatisfy(a -> assertThat(a.ok()).isTrue());
  }

  /** Loads the HTTP client's classes, so that a cold JVM does not time out the first checks. */
  private static void warmUp(String url) {
    try (Checkers checkers = new Checkers()) {
      checkers.check(TestMonitors.http(get(url)));
    }
  }

  private static List<State> states(RecordingSink sink, String monitor) {
    return sink.observations(monitor).stream().map(s -> s.observation().state()).toList();
  }

  private static MonitorSpec live(String name, String url) {
    return TestMonitors.timing(TestMonitors.http(name, get(url), Duration.ofMillis(300)),
        Duration.ofMillis(400), Duration.ofMillis(300), 1, Duration.ofMillis(50));
  }
}
