package dev.nines.probe;

import static dev.nines.probe.TestMonitors.scheduled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.nines.model.MonitorSpec;
import dev.nines.testing.LogCapture;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The retry state machine and the schedule, on a fake clock with checks run inline. */
class ProbeEngineTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final Duration S30 = Duration.ofSeconds(30);
  private static final Duration S5 = Duration.ofSeconds(5);

  private final FakeProbeClock clock = new FakeProbeClock(T0);
  private final RecordingSink sink = new RecordingSink();
  private final ScriptedChecker checker = new ScriptedChecker();
  private final ProbeEngine engine = new ProbeEngine("eu-central", clock, checker, Runnable::run,
      sink);

  @AfterEach
  void close() {
    engine.close();
  }

  /** The monitor's first check: at once, within the first second after it was added at T0. */
  private static Instant boot(MonitorSpec m) {
    return ProbeEngine.first(m, T0);
  }

  /** Its first slot on the grid after that: at least half an interval after the first check. */
  private static Instant grid(MonitorSpec m) {
    Instant b = boot(m);
    Instant next = Slots.after(m.name(), m.interval(), b);
    return Duration.between(b, next).compareTo(m.interval().dividedBy(2)) < 0
        ? next.plus(m.interval()) : next;
  }

  private void runTo(Instant t) {
    clock.advance(Duration.between(clock.now(), t));
  }

  /** Runs until {@code seconds} after the monitor's first grid slot. */
  private void runUntil(MonitorSpec m, long seconds) {
    runTo(grid(m).plusSeconds(seconds));
  }

  private static RecordingSink.Seen seen(MonitorSpec m, Instant at, State state, String message) {
    return new RecordingSink.Seen(m.name(), "eu-central", new Observation(at, state), message);
  }

  @Test
  void aNewMonitorIsCheckedAtOnceThenOnItsSlotOncePerInterval() {
    MonitorSpec api = scheduled("api", S30, 2, S5);
    engine.update(List.of(api));
    Instant b = boot(api);
    Instant g = grid(api);

    runTo(g.plus(S30));

    assertThat(b).isBetween(T0, T0.plus(ProbeEngine.FIRST_CHECK_SPREAD));
    assertThat(Duration.between(b, g)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(45));
    assertThat(sink.attempts).extracting(Attempt::start, Attempt::planned, Attempt::retry,
        Attempt::region, Attempt::depth).containsExactly(
            tuple(b, b, 0, "eu-central", MonitorSpec.Depth.SHALLOW),
            tuple(g, g, 0, "eu-central", MonitorSpec.Depth.SHALLOW),
            tuple(g.plus(S30), g.plus(S30), 0, "eu-central", MonitorSpec.Depth.SHALLOW));
    assertThat(sink.observations).containsExactly(seen(api, b, State.OK, null),
        seen(api, g, State.OK, null), seen(api, g.plus(S30), State.OK, null));
  }

  @Test
  void theFirstChecksOfManyMonitorsAreSpreadOverTheFirstSecond() {
    List<MonitorSpec> many = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(scheduled("m" + i, Duration.ofSeconds(10), 0, S5));
    }
    engine.update(many);

    runTo(T0.plus(ProbeEngine.FIRST_CHECK_SPREAD));

    assertThat(sink.attempts).hasSize(200);
    assertThat(sink.attempts.stream().map(Attempt::start).distinct().count())
        .isGreaterThan(100);
  }

  @Test
  void aFailedAttemptIsUnknownUntilARetrySucceedsThenTheMonitorReturnsToItsSlots() {
    MonitorSpec api = scheduled("api", S30, 2, S5);
    checker.script("api", "ok", "connection refused", "ok");
    engine.update(List.of(api));
    Instant b = boot(api);
    Instant g = grid(api);

    runTo(g.plus(S30));

    assertThat(sink.observations).containsExactly(seen(api, b, State.OK, null),
        seen(api, g, State.UNKNOWN, "connection refused"),
        seen(api, g.plus(S5), State.OK, null),
        seen(api, g.plus(S30), State.OK, null));
    assertThat(sink.attempts).extracting(Attempt::retry, Attempt::ok)
        .containsExactly(tuple(0, true), tuple(0, false), tuple(1, true), tuple(0, true));
  }

  @Test
  void retriesRunningOutIsErrorBackdatedToTheFirstFailedAttempt() {
    MonitorSpec api = scheduled("api", S30, 1, S5);
    checker.script("api", "ok", "status 503", "status 502");
    engine.update(List.of(api));
    Instant b = boot(api);
    Instant g = grid(api);

    runTo(g.plus(S5));

    assertThat(sink.observations).containsExactly(seen(api, b, State.OK, null),
        seen(api, g, State.UNKNOWN, "status 503"),
        seen(api, g, State.ERROR, "status 502"));
    assertThat(sink.attempts).extracting(Attempt::start, Attempt::retry).containsExactly(
        tuple(b, 0), tuple(g, 0), tuple(g.plus(S5), 1));
  }

  @Test
  void everyRetryIsUnknownAndTheErrorIsDatedAtTheFirstFailure() {
    MonitorSpec api = scheduled("api", S30, 2, S5);
    checker.script("api", "a", "b", "c");
    engine.update(List.of(api));
    Instant b = boot(api);

    runTo(b.plusSeconds(10));

    assertThat(sink.observations).extracting(s -> s.observation().state(),
        s -> s.observation().time(), RecordingSink.Seen::message).containsExactly(
            tuple(State.UNKNOWN, b, "a"), tuple(State.UNKNOWN, b.plus(S5), "b"),
            tuple(State.ERROR, b, "c"));
  }

  @Test
  void aDownMonitorIsRecheckedFasterUntilItRecovers() {
    MonitorSpec api = scheduled("api", Duration.ofSeconds(60), 0, S5);
    checker.script("api", "down", "down", "down", "ok");
    engine.update(List.of(api));
    Instant b = boot(api);
    Instant slot = Slots.after("api", Duration.ofSeconds(60), b.plusSeconds(45));

    runTo(slot);

    assertThat(sink.attempts).extracting(Attempt::start).containsExactly(b, b.plusSeconds(15),
        b.plusSeconds(30), b.plusSeconds(45), slot);
    assertThat(sink.observations).extracting(s -> s.observation().state()).containsExactly(
        State.ERROR, State.ERROR, State.ERROR, State.OK, State.OK);
  }

  @Test
  void updateAddsRemovesAndRestartsMonitorsButKeepsTheStateOfUnchangedOnes() {
    MonitorSpec a = scheduled("a", S30, 1, S5);
    MonitorSpec b = scheduled("b", S30, 0, S5);
    MonitorSpec c = scheduled("c", S30, 0, S5);
    checker.script("a", "first failure", "second failure");
    engine.update(List.of(a, b));
    runTo(T0.plus(ProbeEngine.FIRST_CHECK_SPREAD));
    assertThat(sink.observations(a.name())).containsExactly(seen(a, boot(a), State.UNKNOWN,
        "first failure"));
    int bAttempts = sink.attempts(b.name()).size();

    engine.update(List.of(a, c));
    clock.advance(Duration.ofSeconds(60));

    assertThat(engine.monitors()).containsExactly("a", "c");
    assertThat(sink.observations(a.name()).get(1)).isEqualTo(seen(a, boot(a), State.ERROR,
        "second failure"));
    assertThat(sink.attempts(b.name())).hasSize(bAttempts);
    assertThat(sink.attempts(c.name())).isNotEmpty();
  }

  @Test
  void aChangedMonitorStartsAfresh() {
    MonitorSpec a = scheduled("a", S30, 1, S5);
    checker.script("a", "first failure", "after the change");
    engine.update(List.of(a));
    runTo(boot(a).plusSeconds(1));
    Instant changed = clock.now();

    MonitorSpec slower = scheduled("a", Duration.ofSeconds(60), 1, S5);
    engine.update(List.of(slower));
    clock.advance(Duration.ofSeconds(60));

    Attempt restart = sink.attempts(a.name()).get(1);
    assertThat(restart.retry()).isZero();
    assertThat(restart.planned()).isEqualTo(ProbeEngine.first(slower, changed));
    assertThat(sink.observations(a.name()).get(1).observation().state()).isEqualTo(State.UNKNOWN);
  }

  @Test
  void duplicateMonitorNamesAreRejectedAndNothingChanges() {
    MonitorSpec a = scheduled("a", S30, 0, S5);

    assertThatThrownBy(() -> engine.update(List.of(a, scheduled("a", S5, 0, S5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("monitors: duplicate name 'a'. Expected unique monitor names");
    assertThat(engine.monitors()).isEmpty();
  }

  @Test
  void aSinkThatThrowsDoesNotStopTheSchedule() {
    ProbeSink broken = new ProbeSink() {
      @Override public void attempt(Attempt attempt) {
        throw new IllegalStateException("disk full");
      }

      @Override public void observation(String m, String r, Observation o, String message) {
        sink.observation(m, r, o, message);
      }
    };
    try (ProbeEngine e = new ProbeEngine("eu-central", clock, checker, Runnable::run, broken)) {
      MonitorSpec api = scheduled("api", S30, 0, S5);
      e.update(List.of(api));

      runTo(grid(api));

      assertThat(sink.observations).hasSize(2);
      assertThat(e.stats()).isEqualTo(new ProbeStats(1, 2, 0, 0, 2, 0));
    }
  }

  @Test
  void missedChecksAreCountedAndTheFirstOfEachBurstIsLogged() {
    MonitorSpec api = scheduled("api", S30, 0, S5);
    int[] call = {0};
    Checker slow = m -> {
      if (List.of(1, 2, 4).contains(call[0]++)) {
        clock.jump(Duration.ofSeconds(100));   // overruns two slots, the watchdog asleep
      }
      return CheckResult.passed(200, Phases.total(1));
    };
    try (LogCapture log = LogCapture.infos(ProbeEngine.class);
        ProbeEngine e = new ProbeEngine("eu-central", clock, slow, Runnable::run, sink)) {
      e.update(List.of(api));
      runUntil(api, 400);

      assertThat(e.stats().missedChecks()).isEqualTo(6);
      assertThat(log.at("WARN")).hasSize(2).allSatisfy(line -> assertThat(line)
          .startsWith("WARN api: 2 scheduled checks missed").contains("logged again after a "
              + "check on time"));
    }
  }

  @Test
  void checksEndedByTheWatchdogAreLoggedOncePerBurst() {
    MonitorSpec api = scheduled("api", S30, 0, S5);
    int[] call = {0};
    Checker stuck = m -> {
      if (List.of(0, 1, 3).contains(call[0]++)) {
        clock.advance(Duration.ofSeconds(3));    // past the 2 s timeout and the grace
      }
      return CheckResult.passed(200, Phases.total(1));
    };
    try (LogCapture log = LogCapture.infos(ProbeEngine.class);
        ProbeEngine e = new ProbeEngine("eu-central", clock, stuck, Runnable::run, sink)) {
      e.update(List.of(api));
      runUntil(api, 150);

      assertThat(e.stats().watchdogTimeouts()).isEqualTo(3);
      assertThat(log.at("WARN")).containsExactly(
          "WARN api: check still running 2500 ms after it started, ended by the watchdog "
              + "(counted in nines_probe_watchdog_timeouts_total; logged again after a check "
              + "within its timeout)",
          "WARN api: check still running 2500 ms after it started, ended by the watchdog "
              + "(counted in nines_probe_watchdog_timeouts_total; logged again after a check "
              + "within its timeout)");
      assertThat(log.at("INFO")).containsExactly(
          "INFO api: checks end within their timeout again",
          "INFO api: checks end within their timeout again");
    }
  }

  @Test
  void aSinkThatFailsIsLoggedAtTheFirstFailureOfEachBurst() {
    int[] call = {0};
    ProbeSink flaky = new ProbeSink() {
      @Override public void attempt(Attempt attempt) {
        if (List.of(0, 1, 2, 5).contains(call[0]++)) {
          throw new IllegalStateException("disk full");
        }
      }

      @Override public void observation(String m, String r, Observation o, String message) {
        sink.observation(m, r, o, message);
      }
    };
    try (LogCapture log = LogCapture.infos(ProbeEngine.class);
        ProbeEngine e = new ProbeEngine("eu-central", clock, checker, Runnable::run, flaky)) {
      MonitorSpec api = scheduled("api", S30, 0, S5);
      e.update(List.of(api));
      runUntil(api, 210);

      assertThat(e.stats().sinkFailures()).isEqualTo(4);
      assertThat(log.lines()).containsExactly(
          "WARN probe attempts cannot be recorded and are lost (counted in "
              + "nines_probe_sink_failures_total; logged again after one is recorded)",
          "INFO probe attempts are recorded again",
          "WARN probe attempts cannot be recorded and are lost (counted in "
              + "nines_probe_sink_failures_total; logged again after one is recorded)",
          "INFO probe attempts are recorded again");
    }
  }

  @Test
  void afterCloseNothingMoreIsChecked() {
    MonitorSpec api = scheduled("api", S30, 0, S5);
    engine.update(List.of(api));
    runTo(boot(api));

    engine.close();
    clock.advance(Duration.ofMinutes(5));

    assertThat(sink.attempts).hasSize(1);
    assertThat(clock.pending()).isZero();
  }
}
