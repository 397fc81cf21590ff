package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.incident.Incident;
import dev.nines.model.Spec;
import dev.nines.notify.Notification;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert evaluation over a real store and live SLO windows, replaying synthetic traffic
 * minute by minute against a fake clock: when pages and tickets fire, resolve, stay quiet
 * below the traffic guard, and what a restart keeps.
 */
class AlertLoopTest {
  static final String SPEC = """
      apiVersion: nines/v1
      clients: [{name: acme}]
      services: [{name: platform, client: acme, endpoints: [{path: /assign-courier}]}]
      slos:
        - name: assign
          service: platform
          endpoint: /assign-courier
          sli: {kind: availability}
          target: 99.9
          window: 30d
          owner: client
          audience: client
          alerting: {minEvents: 600}
      """;
  static final Instant START = Instant.parse("2026-11-10T00:00:00Z");

  @TempDir Path dir;
  Store store;
  Spec spec;
  FakeClock clock = new FakeClock(START);
  LiveSlos live;
  List<Notification> sent = new ArrayList<>();
  AlertLoop loop;

  @BeforeEach
  void start() throws Exception {
    spec = SpecReader.read("t.yaml", SPEC).spec();
    store = Stores.open(null, dir, null, null);
    live = new LiveSlos(spec, store, START);
    loop = loop();
  }

  @AfterEach
  void stop() {
    store.close();
  }

  AlertLoop loop() {
    Incidents incidents = new Incidents(store, () -> spec, sent::add, clock,
        () -> "http://nines.test");
    return new AlertLoop(store, () -> spec, () -> live, new ProbeRecorder(spec, store, null,
        clock), new MaintenanceBook(spec, store, clock), sent::add, incidents, clock,
        () -> "http://nines.test", "test");
  }

  /**
   * Plays {@code minutes} of traffic: each minute {@code valid} events, {@code bad} of them
   * failing, committed as ingestion commits them (to the store too when {@code persist}), and
   * evaluates and hands on every {@code everyMinutes} minutes (twice a minute when 0).
   *
   * @return the instant of the first page notification in this stretch, or null
   */
  Instant play(int minutes, long valid, long bad, int everyMinutes, boolean persist) {
    Instant firstPage = null;
    for (int i = 0; i < minutes; i++) {
      long minute = clock.instant().getEpochSecond() / 60;
      IngestBatch b = new IngestBatch(null, List.of(new BucketDelta("assign", minute,
          valid - bad, valid)), List.of(), (int) valid);
      if (persist) {
        store.commitIngest(List.of(b));
      }
      live.apply(List.of(b));
      for (int half = 0; half < 2; half++) {
        clock.advance(Duration.ofSeconds(30));
        live.tick(clock.instant());
        if (everyMinutes == 0 || half == 1 && i % everyMinutes == everyMinutes - 1) {
          int before = sent.size();
          loop.evaluate();
          loop.deliver();
          if (firstPage == null && sent.subList(before, sent.size()).stream().anyMatch(
              n -> "page".equals(n.severity()) && n.status() == Notification.Status.FIRING)) {
            firstPage = clock.instant();
          }
        }
      }
    }
    return firstPage;
  }

  Instant play(int minutes, long valid, long bad) {
    return play(minutes, valid, bad, 0, true);
  }

  List<Notification> of(String severity) {
    return sent.stream().filter(n -> severity.equals(n.severity())).toList();
  }

  @Test
  void aFastBurnPagesWhenTwoPercentOfTheBudgetIsSpentAndRecoveryResolves() {
    play(24 * 60, 1000, 0, 30, false);                      // a clean day: full look-backs
    Instant burnStart = clock.instant();
    Instant paged = play(90, 1000, 20);                     // 2 % errors: 20x the 0.1 % budget
    // The 1h burn rate passes 14.4x when 14.4/20 of the hour has burnt: after 43.2 minutes,
    // so at the first evaluation after the 44th minute ends; the 5m window is far above by then.
    assertThat(paged).isNotNull();
    assertThat(Duration.between(burnStart, paged)).isBetween(Duration.ofMinutes(43),
        Duration.ofMinutes(45));
    Notification page = of("page").get(0);
    assertThat(page.kind()).isEqualTo(Notification.Kind.ALERT);
    assertThat(page.link()).isEqualTo("http://nines.test/console/slos/assign");
    assertThat(page.fields()).extracting(Notification.Field::name).contains("Burn rate 1h / 5m",
        "Budget left", "Budget gone", "SLI", "Window");
    assertThat(page.labels()).containsEntry("alertname", "AssignBurnRate")
        .containsEntry("severity", "page");

    play(40, 1000, 0);                                      // fixed: the 30m window clears
    assertThat(of("page")).extracting(Notification::status).containsExactly(
        Notification.Status.FIRING, Notification.Status.RESOLVED);
    List<Incident> incidents = store.incidents(null, "platform", null, null, null, 0, 10).items();
    assertThat(incidents).singleElement().satisfies(i -> {
      assertThat(i.open()).isTrue();
      assertThat(i.openedBy()).isEqualTo("alert");
      assertThat(i.title()).startsWith("assign burns its error budget");
      assertThat(i.timeline().get(0).body()).startsWith("Page: assign burns its error budget");
      assertThat(i.slos()).containsExactly("assign");
    });
  }

  @Test
  void aSlowBurnOpensATicketAfterTwoAndAHalfDaysAndNeverAPage() {
    play(3 * 24 * 60, 10_000, 0, 30, false);               // three clean days
    Instant burnStart = clock.instant();
    play(3 * 24 * 60, 10_000, 13, 5, false);                // 1.3x: slow, but the month is at risk
    assertThat(of("page")).isEmpty();
    Notification ticket = sent.stream().filter(n -> n.labels().get("alertname")
        .equals("AssignBurnRate") && "ticket".equals(n.severity())).findFirst().orElseThrow();
    // The 3d burn rate passes 1x at 3 days / 1.3 = 55.4 h (the 6h one is at 1.3x all along);
    // evaluated every 5 minutes.
    Duration after = Duration.between(burnStart, ticket.startsAt());
    assertThat(after).isBetween(Duration.ofMinutes(55 * 60 + 20), Duration.ofMinutes(55 * 60 + 35));
  }

  @Test
  void aHandfulOfNightTimeRequestsPagesNobody() {
    play(60, 3, 0);
    play(90, 3, 3);                                         // every request fails, 3 a minute
    assertThat(of("page")).isEmpty();
    assertThat(sent).noneMatch(n -> n.labels().get("alertname").equals("AssignBurnRate"));
  }

  @Test
  void aRestartKeepsTheFiringPageAndSendsNothingTwice() {
    play(24 * 60, 1000, 0, 30, false);
    play(50, 1000, 20);
    assertThat(of("page")).hasSize(1);
    loop = loop();                                          // a new process over the same store
    play(10, 1000, 20);
    assertThat(of("page")).hasSize(1);
    play(40, 1000, 0);
    assertThat(of("page")).extracting(Notification::status).containsExactly(
        Notification.Status.FIRING, Notification.Status.RESOLVED);
    assertThat(store.incidents(null, null, null, null, null, 0, 10).total()).isEqualTo(1);
  }

  @Test
  void aStandbyOnTheSameStoreEvaluatesNothingWhileTheHolderRenews() {
    play(24 * 60, 1000, 0, 30, false);
    AlertLoop standby = new AlertLoop(store, () -> spec, () -> live, new ProbeRecorder(spec,
        store, null, clock), new MaintenanceBook(spec, store, clock), sent::add,
        new Incidents(store, () -> spec, sent::add, clock, () -> "http://standby.test"), clock,
        () -> "http://standby.test", "other");
    play(50, 1000, 20);
    assertThat(standby.evaluate().leader()).isFalse();
    assertThat(standby.open()).isEmpty();
    clock.advance(Duration.ofMinutes(2));                   // the holder stopped renewing
    live.tick(clock.instant());
    assertThat(standby.evaluate().leader()).isTrue();
    assertThat(standby.open().values()).anyMatch(a -> a.condition().severity().equals("page"));
    standby.deliver();
    assertThat(of("page")).hasSize(1);                      // taken over, not sent again
  }

  @Test
  void everyClientNoticeIsForTheClientAndEveryInternalAlertForTheTeam() {
    play(60, 1000, 0);                                      // a short history: budget runs out
    play(90, 1000, 20);
    assertThat(sent).isNotEmpty();
    for (Notification n : sent) {
      if (n.kind() == Notification.Kind.CLIENT_NOTICE) {
        assertThat(n.audience()).isEqualTo(dev.nines.model.Audience.CLIENT);
        assertThat(n.client()).isEqualTo("acme");
        assertThat(n.link()).isEqualTo("http://nines.test/portal");
        assertThat(n.fields()).extracting(Notification.Field::name)
            .doesNotContain("Burn rate 1h / 5m", "Budget gone");
      } else {
        assertThat(n.audience()).isEqualTo(dev.nines.model.Audience.INTERNAL);
      }
    }
    assertThat(sent).anyMatch(n -> n.kind() == Notification.Kind.CLIENT_NOTICE);
  }
}
