package dev.nines.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {
  static final Instant T0 = Instant.parse("2026-11-18T10:00:00Z");
  static final Duration REPEAT = Duration.ofHours(4);

  static Condition condition(boolean active, Duration forDuration) {
    return new Condition("fp1", AlertKind.BURN_RATE, "page", "platform", "acme", "orders", null,
        null, active, forDuration, active ? "Page: orders" : "Resolved: orders", "", List.of(),
        "/console/slos/orders", Map.of("alertname", "OrdersBurnRate"));
  }

  /**
   * Plays a script of evaluations, one per minute from T0: {@code A} the condition holds,
   * {@code .} it does not, {@code S} it holds inside maintenance, {@code s} it does not inside
   * maintenance; returns the transitions as {@code minute:type[!]} ({@code !} = notified).
   */
  static List<String> play(String script, Duration forDuration) {
    Map<String, AlertState> open = Map.of();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      boolean active = c == 'A' || c == 'S';
      boolean quiet = c == 'S' || c == 's';
      Instant now = T0.plus(Duration.ofMinutes(i));
      AlertLifecycle.Step step = AlertLifecycle.step(open, List.of(condition(active,
          forDuration)), now, REPEAT, x -> quiet);
      for (Transition t : step.transitions()) {
        out.add(i + ":" + t.type().id() + (t.notifies() ? "!" : ""));
      }
      open = step.open();
    }
    return out;
  }

  @ParameterizedTest(name = "{0} with for {1}m gives {2}")
  @CsvSource(delimiter = '|', textBlock = """
      AAA..        | 0 | 0:firing! 3:resolved!
      ..A.A        | 0 | 2:firing! 3:resolved! 4:firing!
      AAAAA.       | 2 | 0:pending 2:firing! 5:resolved!
      AAA..AAA     | 2 | 0:pending 2:firing! 3:resolved! 5:pending 7:firing!
      A.AA.        | 2 | 0:pending 1:cleared 2:pending 4:cleared
      SSAA.        | 0 | 0:firing 2:firing! 4:resolved!
      SSs..        | 0 | 0:firing 2:resolved
      AAS..        | 0 | 0:firing! 3:resolved!
      """)
  void aConditionMovesThroughPendingFiringAndResolved(String script, int forMinutes,
      String expected) {
    assertThat(play(script, Duration.ofMinutes(forMinutes)))
        .containsExactly(expected.split(" "));
  }

  @Test
  void aFiringAlertIsNotifiedAgainEveryRepeatInterval() {
    String script = "A".repeat(4 * 60 * 2 + 1);
    assertThat(play(script, Duration.ZERO)).containsExactly("0:firing!", "240:repeat!",
        "480:repeat!");
  }

  @Test
  void anOpenAlertWhoseSubjectLeftTheSpecResolves() {
    AlertLifecycle.Step fired = AlertLifecycle.step(Map.of(), List.of(condition(true,
        Duration.ZERO)), T0, REPEAT, c -> false);
    AlertLifecycle.Step gone = AlertLifecycle.step(fired.open(), List.of(), T0.plusSeconds(30),
        REPEAT, c -> false);
    assertThat(gone.open()).isEmpty();
    assertThat(gone.transitions()).singleElement().satisfies(t -> {
      assertThat(t.type()).isEqualTo(Transition.Type.RESOLVED);
      assertThat(t.notifies()).isTrue();
      assertThat(t.instance()).isEqualTo("fp1@" + T0.toEpochMilli());
    });
  }

  @Test
  void theInstanceIdStaysTheSameFromPendingToResolvedAndNotificationKeysDiffer() {
    Map<String, AlertState> open = Map.of();
    List<Transition> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      AlertLifecycle.Step s = AlertLifecycle.step(open, List.of(condition(i < 4,
          Duration.ofMinutes(1))), T0.plus(Duration.ofMinutes(i)), REPEAT, c -> false);
      all.addAll(s.transitions());
      open = s.open();
    }
    assertThat(all).extracting(Transition::instance).containsOnly("fp1@" + T0.toEpochMilli());
    assertThat(all).extracting(Transition::notificationKey).doesNotHaveDuplicates();
  }
}
