package dev.nines.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.incident.Incident;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.Spec;
import dev.nines.notify.Notification;
import dev.nines.spec.SpecReader;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.store.Subscriber;
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
 * What status-page subscribers are mailed: incidents of their client opened and resolved after
 * they confirmed, and maintenance planned within a week, each to the subscriber's own address
 * with an unsubscribe link; nothing for pending subscribers, other clients or older events.
 */
class StatusNoticesTest {
  static final Instant NOW = Instant.parse("2026-11-18T10:30:00Z");

  @TempDir Path dir;
  Store store;
  Spec spec;
  final List<Notification> sent = new ArrayList<>();
  final List<String> to = new ArrayList<>();
  StatusNotices notices;
  MaintenanceCalendar calendar;

  @BeforeEach
  void open() throws Exception {
    spec = SpecReader.read(Path.of("src/test/resources/spec/report.yaml")).spec();
    store = Stores.open(null, dir, null, null);
    calendar = MaintenanceCalendar.of(spec, List.of());
    notices = new StatusNotices(store, () -> spec, () -> calendar, (n, address) -> {
      sent.add(n);
      to.add(address);
    }, () -> "https://status.acme.example");
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Subscriber confirmed(String email, Instant at) {
    Subscriber s = store.addSubscriber("acme", email, "token-" + email, at.minusSeconds(60));
    assertThat(store.confirmSubscriber("token-" + email, at)).isTrue();
    return s;
  }

  private long incident(String title, Instant opened) {
    return store.createIncident("platform", "acme", title, opened, "alert", List.of(),
        new Incident.Event(opened, Incident.Kind.OPENED, "alert", title, null));
  }

  @Test
  void aConfirmedSubscriberHearsOfAnOpenIncidentInTheClientsTimeZone() {
    confirmed("ops@seller.example", NOW.minus(Duration.ofDays(3)));
    store.addSubscriber("acme", "pending@seller.example", "token-pending", NOW.minusSeconds(600));
    incident("Courier assignment fails", NOW.minus(Duration.ofMinutes(20)));

    assertThat(notices.runOnce(NOW)).isEqualTo(1);
    assertThat(to).containsExactly("ops@seller.example");
    Notification n = sent.get(0);
    assertThat(n.title()).startsWith("Incident: ");
    assertThat(n.summary()).contains("Since 18 Nov 2026 11:10")           // 10:10 UTC in Berlin
        .contains("Unsubscribe: https://status.acme.example/status/acme/unsubscribe");
    assertThat(n.audience()).isEqualTo(dev.nines.model.Audience.CLIENT);
    assertThat(n.client()).isEqualTo("acme");
  }

  @Test
  void aResolvedIncidentCarriesItsRootCauseAndTheSameRunTwiceHandsTheSameKeys() {
    confirmed("ops@seller.example", NOW.minus(Duration.ofDays(3)));
    long id = incident("Orders import slowly", NOW.minus(Duration.ofHours(2)));
    store.resolveIncident(id, NOW.minus(Duration.ofMinutes(30)), "sam",
        "The shop's API throttled us; we now back off.");

    notices.runOnce(NOW);
    notices.runOnce(NOW.plusSeconds(60));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0).title()).startsWith("Resolved: ");
    assertThat(sent.get(0).summary()).contains("after 1h 30m")
        .contains("Root cause: The shop's API throttled us; we now back off.");
    assertThat(sent.get(1).key()).as("the outbox drops the repeat by its key")
        .isEqualTo(sent.get(0).key());
  }

  @Test
  void nothingBeforeTheSubscriptionWasConfirmedOrOlderThanADay() {
    incident("Before the subscription", NOW.minus(Duration.ofHours(3)));
    confirmed("late@seller.example", NOW.minus(Duration.ofHours(1)));
    incident("Two days ago", NOW.minus(Duration.ofDays(2)));

    assertThat(notices.runOnce(NOW)).isZero();
    assertThat(sent).isEmpty();
  }

  @Test
  void maintenanceWithinAWeekIsAnnouncedAndLaterOrOtherClientsWindowsAreNot() {
    confirmed("ops@seller.example", NOW.minus(Duration.ofDays(3)));
    Instant soon = NOW.plus(Duration.ofDays(2));
    calendar = MaintenanceCalendar.of(spec, List.of(
        window("platform", soon, "Database upgrade"),
        window("platform", NOW.plus(Duration.ofDays(9)), "Too far ahead"),
        window("globex-api", soon, "Not acme's")));

    assertThat(notices.runOnce(NOW)).isEqualTo(1);
    assertThat(sent.get(0).title()).isEqualTo("Planned maintenance: platform");
    assertThat(sent.get(0).summary()).startsWith("20 Nov 2026 11:30 to 20 Nov 2026 12:00 "
        + "(Europe/Berlin): Database upgrade.");
  }

  @Test
  void aClientWithoutAStatusPageMailsNobody() {
    Subscriber s = store.addSubscriber("globex", "x@globex.example", "token-g", NOW.minus(
        Duration.ofDays(2)));
    store.confirmSubscriber(s.token(), NOW.minus(Duration.ofDays(1)));
    store.createIncident("globex-api", "globex", "Shipping down", NOW.minusSeconds(600), "sam",
        List.of(), new Incident.Event(NOW.minusSeconds(600), Incident.Kind.OPENED, "sam", "down",
            null));

    assertThat(notices.runOnce(NOW)).isZero();
  }

  private static MaintenanceWindow window(String service, Instant start, String reason) {
    return new MaintenanceWindow(1, service, start, start.plus(Duration.ofMinutes(30)), reason,
        MaintenanceWindow.Source.API, NOW, "sam");
  }
}
