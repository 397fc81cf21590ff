package dev.nines.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.uptime.JourneyOutcome.Reason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JourneyScoreTest {
  private static final Duration BUDGET = Duration.ofSeconds(60);

  private static StepResult passed(String name, long seconds) {
    return new StepResult(name, true, Duration.ofSeconds(seconds), null);
  }

  private static StepResult failed(String name, long seconds, String failure) {
    return new StepResult(name, false, Duration.ofSeconds(seconds), failure);
  }

  @Test
  void aRunWhoseStepsAllPassWithinTheBudgetIsGood() {
    List<StepResult> steps = List.of(passed("fetch-order", 10), passed("assign-courier", 20),
        passed("track", 5));

    assertThat(JourneyScore.score(steps, BUDGET))
        .isEqualTo(new JourneyOutcome(true, Duration.ofSeconds(35), null, Reason.PASSED));
  }

  @ParameterizedTest(name = "a run of {0} s against a 60 s budget is {1}")
  @CsvSource(textBlock = """
      59, PASSED
      60, PASSED
      61, OVER_BUDGET
      """)
  void aRunOfExactlyTheBudgetIsStillGood(long seconds, Reason reason) {
    List<StepResult> steps = List.of(passed("fetch-order", 30), passed("track", seconds - 30));

    JourneyOutcome outcome = JourneyScore.score(steps, BUDGET);

    assertThat(outcome.reason()).isEqualTo(reason);
    assertThat(outcome.good()).isEqualTo(reason == Reason.PASSED);
    assertThat(outcome.total()).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void aFailedStepNamesTheFirstOneAndWinsOverTheBudget() {
    List<StepResult> steps = List.of(passed("fetch-order", 10),
        failed("assign-courier", 50, "status 503"), failed("track", 40, "status 404"));

    assertThat(JourneyScore.score(steps, BUDGET)).isEqualTo(
        new JourneyOutcome(false, Duration.ofSeconds(100), "assign-courier", Reason.STEP_FAILED));
  }

  @Test
  void aRunWithoutStepsIsRejected() {
    assertThatThrownBy(() -> JourneyScore.score(List.of(), BUDGET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("steps: none. Expected at least one step in a run");
  }

  @Test
  void aBudgetThatIsNotPositiveIsRejected() {
    assertThatThrownBy(() -> JourneyScore.score(List.of(passed("a", 1)), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("budget PT0S is not positive. Expected a journey budget > 0");
  }

  @Test
  void aPassedStepCannotCarryAFailure() {
    assertThatThrownBy(() -> new StepResult("track", true, Duration.ofSeconds(1), "timeout"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step track: passed with failure 'timeout'. Expected no failure on a "
            + "passed step");
  }

  @Test
  void aStepWithANegativeDurationIsRejected() {
    assertThatThrownBy(() -> new StepResult("track", true, Duration.ofSeconds(-1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step track: duration PT-1S is negative. Expected >= 0");
  }

  @Test
  void anOutcomeMustBeGoodExactlyWhenItPassed() {
    assertThatThrownBy(() -> new JourneyOutcome(true, Duration.ZERO, null, Reason.OVER_BUDGET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason OVER_BUDGET with good true. "
            + "Expected good exactly when the reason is PASSED");
  }

  @Test
  void anOutcomeNamesAFailedStepExactlyWhenAStepFailed() {
    assertThatThrownBy(() -> new JourneyOutcome(false, Duration.ZERO, null, Reason.STEP_FAILED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason STEP_FAILED with failed step null. "
            + "Expected a failed step exactly when the reason is STEP_FAILED");
  }
}
