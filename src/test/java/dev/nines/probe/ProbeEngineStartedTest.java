package dev.nines.probe;

import static dev.nines.probe.TestMonitors.scheduled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.MonitorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Checks the engine starts on the checker without a thread ({@link Checker#start}). */
class ProbeEngineStartedTest {
  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final Duration S30 = Duration.ofSeconds(30);

  private final FakeProbeClock clock = new FakeProbeClock(T0);
  private final RecordingSink sink = new RecordingSink();

  /** A checker that starts every check and leaves it to the test to end. */
  private static final class Held implements Checker {
    final List<Consumer<CheckResult>> pending = new ArrayList<>();
    int stopped;
    int threadChecks;

    @Override public CheckResult check(MonitorSpec monitor) {
      threadChecks++;
      return CheckResult.passed(200, Phases.total(1));
    }

    @Override public Started start(MonitorSpec monitor, Consumer<CheckResult> done) {
      pending.add(done);
      return () -> stopped++;
    }

    void pass(int i) {
      pending.get(i).accept(CheckResult.passed(200, Phases.total(7)));
    }
  }

  @Test
  void aStartedCheckIsRecordedWhenItReportsAndHoldsNoThreadMeanwhile() {
    Held held = new Held();
    MonitorSpec api = scheduled("api", S30, 0, Duration.ofSeconds(5));
    try (ProbeEngine e = new ProbeEngine("eu-central", clock, held, task -> {
      throw new AssertionError("no thread may be asked for");
    }, sink)) {
      e.update(List.of(api));
      clock.advance(ProbeEngine.FIRST_CHECK_SPREAD);
      Instant started = ProbeEngine.first(api, T0);

      assertThat(held.pending).hasSize(1);
      assertThat(e.stats().running()).isEqualTo(1);
      assertThat(sink.attempts).isEmpty();

      clock.advance(Duration.ofMillis(100));
      held.pass(0);

      assertThat(e.stats().running()).isZero();
      assertThat(sink.attempts).extracting(Attempt::start).containsExactly(started);
      assertThat(sink.attempts.get(0).result().phases().totalMillis()).isEqualTo(7);
      assertThat(held.threadChecks).isZero();
    }
  }

  @Test
  void theWatchdogStopsAStartedCheckThatDoesNotReportAndDropsItsLateResult() {
    Held held = new Held();
    MonitorSpec api = scheduled("api", S30, 0, Duration.ofSeconds(5));
    try (ProbeEngine e = new ProbeEngine("eu-central", clock, held, Runnable::run, sink)) {
      e.update(List.of(api));
      clock.advance(ProbeEngine.FIRST_CHECK_SPREAD);

      clock.advance(Duration.ofSeconds(3)); // past the 2 s timeout and the 0.5 s grace

      assertThat(held.stopped).isEqualTo(1);
      assertThat(e.stats().watchdogTimeouts()).isEqualTo(1);
      assertThat(e.stats().running()).isZero();
      assertThat(sink.attempts).extracting(a -> a.result().error()).containsExactly(
          "api: no result after 2500 ms. Expected the check to end within its 2000 ms timeout");

      held.pass(0);

      assertThat(sink.attempts).hasSize(1);
      assertThat(e.stats().running()).isZero();
    }
  }

  @Test
  void aCheckThatNeedsAThreadRunsOnTheExecutor() {
    ScriptedChecker scripted = new ScriptedChecker();
    MonitorSpec api = scheduled("api", S30, 0, Duration.ofSeconds(5));
    List<Runnable> asked = new ArrayList<>();
    try (ProbeEngine e = new ProbeEngine("eu-central", clock, scripted, task -> {
      asked.add(task);
      task.run();
    }, sink)) {
      e.update(List.of(api));
      clock.advance(ProbeEngine.FIRST_CHECK_SPREAD);

      assertThat(asked).hasSize(1);
      assertThat(sink.attempts).hasSize(1);
    }
  }
}
