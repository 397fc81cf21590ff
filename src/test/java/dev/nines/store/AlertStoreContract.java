package dev.nines.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.incident.Incident;
import dev.nines.maintenance.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the alert evaluation, incidents and maintenance need of a {@link Store}; run against
 * SQLite and PostgreSQL.
 */
abstract class AlertStoreContract {
  static final Instant T = Instant.parse("2026-11-18T10:00:00Z");
  Store store;

  abstract Store open() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static StoredAlert alert(String fp, String status) {
    return new StoredAlert(fp, fp + "@1", status, T, status.equals("firing") ? T : null,
        status.equals("firing") ? T : null, status.equals("firing"), false, "{\"c\":1}");
  }

  static AlertEvent event(String fp, String transition, Instant at, String service) {
    return new AlertEvent(0, fp + "@1", fp, "burn-rate", "page", "internal", service, "acme",
        "orders", null, transition, at, true, false, "Page: orders", "{}",
        !transition.equals("firing"));
  }

  @Test
  void anAlertGroupIsWrittenOnlyOverTheVersionItWasReadAtAndItsMessageCommitsWithIt() {
    String key = "{}:{service=\"checkout\"}";
    StoredAlertGroup fresh = new StoredAlertGroup(key, "{\"a\":1}", T.plusSeconds(30), 0);
    StoredAlertGroupMember pay = new StoredAlertGroupMember("pay@1", "{\"n\":1}", null);
    assertThat(store.saveAlertGroup(fresh, false, List.of(pay), List.of(), List.of())).isTrue();
    assertThat(store.saveAlertGroup(fresh, false, List.of(), List.of(), List.of()))
        .as("created by another").isFalse();
    StoredAlertGroup read = store.alertGroups(key, null).get(0);
    assertThat(read).isEqualTo(new StoredAlertGroup(key, "{\"a\":1}", T.plusSeconds(30), 1));
    assertThat(store.alertGroups(null, T.plusSeconds(29))).isEmpty();
    assertThat(store.alertGroups(null, T.plusSeconds(30))).containsExactly(read);
    assertThat(store.alertGroupMembers(key, null)).containsExactly(pay);

    StoredAlertGroupMember cart = new StoredAlertGroupMember("cart@1", "{\"n\":2}", null);
    StoredAlertGroupMember payTold = new StoredAlertGroupMember("pay@1", "{\"n\":1}", "firing");
    OutboxMessage row = OutboxMessage.pending("group:checkout:1:0", "oncall", "alert", null,
        "checkout: 1 alert firing (1 page)", "{}", T);
    StoredAlertGroup next = new StoredAlertGroup(key, "{\"a\":2}", T.plusSeconds(330),
        read.version());
    assertThat(store.saveAlertGroup(next, false, List.of(payTold, cart), List.of(),
        List.of(row))).isTrue();
    assertThat(store.saveAlertGroup(next, false, List.of(), List.of("pay@1"), List.of(row)))
        .as("stale").isFalse();
    assertThat(store.outbox(null, null, 0, 10).messages()).extracting(OutboxMessage::key)
        .containsExactly("group:checkout:1:0");
    assertThat(store.alertGroups(null, null).get(0).version()).isEqualTo(2);
    assertThat(store.alertGroupMembers(key, null)).containsExactly(cart, payTold);
    assertThat(store.alertGroupMembers(key, "pay@1")).containsExactly(payTold);

    StoredAlertGroup two = store.alertGroups(null, null).get(0);
    assertThat(store.saveAlertGroup(two, false, List.of(), List.of("pay@1"), List.of()))
        .isTrue();
    assertThat(store.alertGroupMembers(key, null)).containsExactly(cart);
    assertThat(store.saveAlertGroup(two, true, List.of(), List.of(), List.of()))
        .as("stale delete").isFalse();
    assertThat(store.saveAlertGroup(store.alertGroups(null, null).get(0), true, List.of(),
        List.of(), List.of())).isTrue();
    assertThat(store.alertGroups(null, null)).isEmpty();
    assertThat(store.alertGroupMembers(key, null)).isEmpty();
  }

  @Test
  void openAlertsAndTheirHistoryAreCommittedTogetherAndReadBack() {
    store.commitAlerts(List.of(alert("a", "pending"), alert("b", "firing")), List.of(),
        List.of(event("a", "pending", T, "platform"), event("b", "firing", T, "platform")));
    store.commitAlerts(List.of(alert("a", "firing")), List.of("b"),
        List.of(event("a", "firing", T.plusSeconds(60), "platform"),
            event("b", "resolved", T.plusSeconds(60), "platform")));
    assertThat(store.openAlerts()).containsOnlyKeys("a");
    assertThat(store.openAlerts().get("a")).isEqualTo(alert("a", "firing"));
    Slice<AlertEvent> all = store.alertHistory(AlertQuery.all(), 0, 10);
    assertThat(all.total()).isEqualTo(4);
    assertThat(all.items()).extracting(AlertEvent::transition)
        .containsExactly("resolved", "firing", "firing", "pending");
    assertThat(all.items().get(0).id()).isPositive();
  }

  @Test
  void undeliveredTransitionsComeOldestFirstUntilMarked() {
    store.commitAlerts(List.of(), List.of(), List.of(event("a", "firing", T, "platform"),
        event("b", "firing", T.plusSeconds(1), "shop"),
        event("a", "resolved", T.plusSeconds(2), "platform")));
    Slice<AlertEvent> todo = store.alertHistory(AlertQuery.undeliveredOnly(), 0, 10);
    assertThat(todo.items()).extracting(AlertEvent::fingerprint).containsExactly("a", "b");
    store.markAlertEventsDelivered(List.of(todo.items().get(0).id()));
    assertThat(store.alertHistory(AlertQuery.undeliveredOnly(), 0, 10).items())
        .extracting(AlertEvent::fingerprint).containsExactly("b");
  }

  @Test
  void theHistoryFiltersAndPages() {
    store.commitAlerts(List.of(), List.of(), List.of(event("a", "firing", T, "platform"),
        event("b", "firing", T.plusSeconds(1), "shop"),
        event("a", "resolved", T.plusSeconds(2), "platform")));
    AlertQuery platform = new AlertQuery(null, null, null, "platform", null, null, null, null,
        null, null);
    assertThat(store.alertHistory(platform, 0, 10).items()).extracting(AlertEvent::transition)
        .containsExactly("resolved", "firing");
    assertThat(store.alertHistory(AlertQuery.instance("b@1"), 0, 10).total()).isEqualTo(1);
    Slice<AlertEvent> second = store.alertHistory(AlertQuery.all(), 1, 1);
    assertThat(second.total()).isEqualTo(3);
    assertThat(second.items()).extracting(AlertEvent::service).containsExactly("shop");
    assertThat(store.alertHistory(new AlertQuery(null, null, null, null, null, null, null, null,
        T.plusSeconds(1), T.plusSeconds(2)), 0, 10).items()).hasSize(1);
  }

  @Test
  void aLeaseHasOneHolderUntilItRunsOut() {
    Duration ttl = Duration.ofSeconds(90);
    assertThat(store.acquireLease("alerting", "server-a", T, ttl)).isTrue();
    assertThat(store.acquireLease("alerting", "server-b", T.plusSeconds(30), ttl)).isFalse();
    assertThat(store.acquireLease("alerting", "server-a", T.plusSeconds(60), ttl)).isTrue();
    assertThat(store.acquireLease("alerting", "server-b", T.plusSeconds(149), ttl)).isFalse();
    assertThat(store.acquireLease("alerting", "server-b", T.plusSeconds(151), ttl)).isTrue();
    store.releaseLease("alerting", "server-a");           // not the holder: changes nothing
    assertThat(store.acquireLease("alerting", "server-a", T.plusSeconds(152), ttl)).isFalse();
    store.releaseLease("alerting", "server-b");
    assertThat(store.acquireLease("alerting", "server-a", T.plusSeconds(153), ttl)).isTrue();
  }

  @Test
  void anIncidentKeepsItsTimelineSlosAndRootCause() {
    long id = store.createIncident("platform", "acme", "Courier assignment failing", T, "alert",
        List.of("assign"), new Incident.Event(T, Incident.Kind.OPENED, "alert", "page fired",
        "fp@1"));
    assertThat(store.addIncidentEvent(id, new Incident.Event(T.plusSeconds(60),
        Incident.Kind.ALERT, "alert", "ticket joined", "fp2@2"), List.of("assign", "fetch")))
        .isTrue();
    assertThat(store.addIncidentEvent(999, new Incident.Event(T, Incident.Kind.UPDATE, "sam",
        "x", null), List.of())).isFalse();
    assertThat(store.resolveIncident(id, T.plusSeconds(600), "sam", "A bad deploy of the "
        + "courier gateway; rolled back.")).isTrue();
    assertThat(store.resolveIncident(id, T.plusSeconds(700), "sam", "again")).isFalse();
    Incident i = store.incident(id).orElseThrow();
    assertThat(i.open()).isFalse();
    assertThat(i.resolvedAt()).isEqualTo(T.plusSeconds(600));
    assertThat(i.rootCause()).isEqualTo("A bad deploy of the courier gateway; rolled back.");
    assertThat(i.slos()).containsExactly("assign", "fetch");
    assertThat(i.timeline()).extracting(Incident.Event::kind).containsExactly(
        Incident.Kind.OPENED, Incident.Kind.ALERT, Incident.Kind.RESOLVED);
    assertThat(store.setRootCause(id, T.plusSeconds(900), "sam", "Corrected note")).isTrue();
    assertThat(store.incident(id).orElseThrow().rootCause()).isEqualTo("Corrected note");
  }

  @Test
  void incidentsAreListedNewestFirstByClientStateAndOverlap() {
    long a = store.createIncident("platform", "acme", "a", T, "sam", List.of(),
        new Incident.Event(T, Incident.Kind.OPENED, "sam", null, null));
    long b = store.createIncident("shop", "globex", "b", T.plusSeconds(10), "sam", List.of(),
        new Incident.Event(T.plusSeconds(10), Incident.Kind.OPENED, "sam", null, null));
    store.resolveIncident(a, T.plusSeconds(100), "sam", null);
    assertThat(store.incidents(null, null, null, null, null, 0, 10).items())
        .extracting(Incident::id).containsExactly(b, a);
    assertThat(store.incidents("acme", null, null, null, null, 0, 10).items())
        .extracting(Incident::id).containsExactly(a);
    assertThat(store.incidents(null, null, true, null, null, 0, 10).items())
        .extracting(Incident::id).containsExactly(b);
    assertThat(store.incidents(null, null, null, T.plusSeconds(200), null, 0, 10).items())
        .extracting(Incident::id).containsExactly(b);           // a ended before
    assertThat(store.incidents(null, null, null, null, T.plusSeconds(5), 0, 10).items())
        .extracting(Incident::id).containsExactly(a);           // b opened after
  }

  @Test
  void maintenanceWindowsAreStoredAndDeleted() {
    MaintenanceWindow w = new MaintenanceWindow(0, "platform", T, T.plusSeconds(3600),
        "hotfix", MaintenanceWindow.Source.API, T.minusSeconds(60), "sam");
    long id = store.addMaintenance(w);
    assertThat(store.maintenanceWindows()).containsExactly(new MaintenanceWindow(id, "platform",
        T, T.plusSeconds(3600), "hotfix", MaintenanceWindow.Source.API, T.minusSeconds(60),
        "sam"));
    assertThat(store.deleteMaintenance(id, T)).isTrue();
    assertThat(store.deleteMaintenance(id, T)).isFalse();
    assertThat(store.maintenanceWindows()).isEmpty();
  }
}
