package dev.nines.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.AlertingSettings;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.notify.Notification;
import dev.nines.slo.SloEngine;
import dev.nines.spec.SpecReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloConditionsTest {
  static final Instant NOW = Instant.parse("2026-11-18T10:30:00Z");
  static final long NOW_MINUTE = NOW.getEpochSecond() / 60;

  static final String SPEC = """
      apiVersion: nines/v1
      timeZone: Europe/Berlin
      clients: [{name: acme}]
      services: [{name: platform, client: acme, endpoints: [{path: /assign-courier}]}]
      slos:
        - name: assign
          service: platform
          endpoint: /assign-courier
          description: 99.9 % of courier assignments succeed.
          sli: {kind: availability}
          target: 99.9
          window: 30d
          owner: client
          audience: client
          alerting: {minEvents: 100}
        - name: monthly
          service: platform
          sli: {kind: availability}
          target: 99.9
          window: month
          owner: client
          audience: client
      """;

  final Spec spec;
  final SloEngine engine;

  SloConditionsTest() throws Exception {
    spec = SpecReader.read("t.yaml", SPEC).spec();
    List<SloEngine.Definition> defs = spec.slos().stream().map(s -> new SloEngine.Definition(
        s.target(), s.window(), s.alerting().windows())).toList();
    engine = new SloEngine(defs, NOW_MINUTE);
  }

  /** Fills {@code minutes} before now with {@code valid} events a minute, {@code bad} of them bad. */
  void traffic(int slo, int minutes, long valid, long bad) {
    for (long m = NOW_MINUTE - minutes; m < NOW_MINUTE; m++) {
      engine.record(slo, m, valid - bad, valid);
    }
  }

  List<Condition> evaluate(int slo, Map<String, AlertState> open) {
    SloSpec s = spec.slos().get(slo);
    List<Condition> out = new ArrayList<>();
    SloConditions.evaluate(new SloConditions.Input(s, "acme", engine.status(slo),
        d -> engine.counts(slo, d)), spec.alerting(), open, out);
    return out;
  }

  @Test
  void aFastBurnPagesAndTicketsWithTheFiguresThatJustifyIt() {
    traffic(0, 90, 1000, 20);              // 2 % errors against a 0.1 % budget: 20x
    List<Condition> c = evaluate(0, Map.of());
    assertThat(c).extracting(Condition::kind, Condition::severity, Condition::active)
        .contains(org.assertj.core.groups.Tuple.tuple(AlertKind.BURN_RATE, "page", true),
            org.assertj.core.groups.Tuple.tuple(AlertKind.BURN_RATE, "ticket", true));
    Condition page = c.stream().filter(x -> x.severity().equals("page")).findFirst().orElseThrow();
    assertThat(page.title()).isEqualTo("Page: assign burns its error budget 20.0× as fast as "
        + "allowed");
    assertThat(page.figures()).extracting(Notification.Field::name).containsExactly(
        "Burn rate 1h / 5m", "Burn rate 6h / 30m", "Budget left", "Budget gone", "SLI", "Window",
        "Valid events in 6h");
    assertThat(page.figures().get(0).value()).isEqualTo("20.0× / 20.0× (above 14.4×)");
    assertThat(page.figures().get(1).value()).isEqualTo("20.0× / 20.0× (above 6.00×)");
    assertThat(page.figures().get(4).value()).isEqualTo("98.000 % (target 99.9%)");
    assertThat(page.figures().get(6).value()).isEqualTo("90,000 (alerts need at least 100)");
    assertThat(page.link()).isEqualTo("/console/slos/assign");
    assertThat(page.labels()).containsEntry("alertname", "AssignBurnRate")
        .containsEntry("sloth_slo", "assign").containsEntry("sloth_service", "platform")
        .containsEntry("severity", "page").containsEntry("sloth_severity", "page");
  }

  @Test
  void belowTheTrafficGuardNothingPages() {
    traffic(0, 90, 1, 1);                  // every request fails, but one a minute
    List<Condition> c = evaluate(0, Map.of());
    assertThat(c).noneMatch(x -> x.kind() == AlertKind.BURN_RATE && x.severity().equals("page"));
  }

  @Test
  void anExhaustedBudgetTicketsTheTeamAndTellsTheClientInItsWords() {
    traffic(0, 600, 1000, 20);
    List<Condition> c = evaluate(0, Map.of());
    Condition notice = c.stream().filter(x -> x.kind() == AlertKind.SLO_VIOLATED).findFirst()
        .orElseThrow();
    assertThat(notice.audience()).isEqualTo(dev.nines.model.Audience.CLIENT);
    assertThat(notice.title()).isEqualTo("SLO violated: assign is below its objective for this "
        + "window");
    assertThat(notice.summary()).isEqualTo("The error budget of \"99.9 % of courier assignments "
        + "succeed.\" is exhausted: over the last 30d it achieved 98.000 % against the agreed "
        + "99.9%. The team is working on it.");
    assertThat(notice.figures()).extracting(Notification.Field::name)
        .containsExactly("Objective", "Achieved");
    assertThat(notice.link()).isEqualTo("/portal");
    assertThat(c).anyMatch(x -> x.kind() == AlertKind.BUDGET_EXHAUSTED && x.active()
        && x.audience() == dev.nines.model.Audience.INTERNAL);
  }

  @Test
  void aCalendarPeriodThatClosedBelowItsObjectiveSaysSo() {
    Instant lastDecember = Instant.parse("2026-11-30T22:59:00Z");   // the last minute of November
    SloEngine november = new SloEngine(List.of(new SloEngine.Definition(spec.slos().get(1)
        .target(), spec.slos().get(1).window(), List.of())), lastDecember.getEpochSecond() / 60);
    for (long m = lastDecember.getEpochSecond() / 60 - 600; m < lastDecember.getEpochSecond() / 60;
        m++) {
      november.record(0, m, 980, 1000);
    }
    List<Condition> first = new ArrayList<>();
    SloConditions.evaluate(new SloConditions.Input(spec.slos().get(1), "acme", november.status(0),
        d -> november.counts(0, d)), AlertingSettings.DEFAULTS, Map.of(), first);
    Condition violated = first.stream().filter(x -> x.kind() == AlertKind.SLO_VIOLATED)
        .findFirst().orElseThrow();
    AlertState open = AlertLifecycle.step(Map.of(), List.of(violated), lastDecember,
        Duration.ofHours(4), x -> false).open().get(violated.fingerprint());

    november.advance(lastDecember.getEpochSecond() / 60 + 2);       // 00:01 on 1 December
    List<Condition> after = new ArrayList<>();
    SloConditions.evaluate(new SloConditions.Input(spec.slos().get(1), "acme", november.status(0),
        d -> november.counts(0, d)), AlertingSettings.DEFAULTS,
        Map.of(violated.fingerprint(), open), after);
    Condition closed = after.stream().filter(x -> x.kind() == AlertKind.SLO_VIOLATED)
        .findFirst().orElseThrow();
    assertThat(closed.active()).isFalse();
    assertThat(closed.title()).isEqualTo("Period closed: monthly missed its objective for "
        + "November 2026");
    assertThat(closed.summary()).isEqualTo("November 2026 closed at 98.000 % against the agreed "
        + "99.9% for \"monthly\": the objective was missed. The error budget refilled for the "
        + "new period.");
  }

  @Test
  void aQuietSloMakesNoCondition() {
    traffic(0, 600, 1000, 0);
    assertThat(evaluate(0, Map.of())).isEmpty();
  }
}
