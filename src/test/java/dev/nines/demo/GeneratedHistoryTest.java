package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.incident.Incident;
import dev.nines.live.LiveSlos;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.Spec;
import dev.nines.report.MonthlyReport;
import dev.nines.report.Reports;
import dev.nines.spec.SpecReader;
import dev.nines.store.AlertEvent;
import dev.nines.store.AlertQuery;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.store.StoredObservation;
import dev.nines.testing.FakeClock;
import dev.nines.uptime.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One history written once on a temp SQLite store at {@link FakeClock#NOW}, then read back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedHistoryTest {
  private static final List<String> REGIONS = List.of("eu-central", "us-east", "ap-south");

  @TempDir static Path dir;
  private final FakeClock clock = new FakeClock();
  private Spec spec;
  private Store store;
  private HistoryEpisodes episodes;

  @BeforeAll
  void writeTheHistory() throws Exception {
    spec = SpecReader.read("nines-demo.yaml", DemoSpec.render(DemoSpecTest.values(1, REGIONS)))
        .spec();
    store = Stores.open(null, dir, null, null);
    history(store);
    episodes = HistoryEpisodes.before(clock.instant(), spec.timeZone());
  }

  private void history(Store s) throws Exception {
    new GeneratedHistory(null).write(new DemoHistory.Context(s, spec, dir.resolve("spec.yaml"),
        dir, clock.instant(), 1));
  }

  @org.junit.jupiter.api.AfterAll
  void closeTheStore() {
    store.close();
  }

  private Map<String, Double> budgetsLeft() {
    LiveSlos live = new LiveSlos(spec, store, clock.instant());
    Map<String, Double> left = new TreeMap<>();
    live.views().forEach(v -> left.put(v.spec().name(), v.status().budget().remainingRatio()));
    return left;
  }

  @Test
  void theLiveWindowsRebuiltFromTheStoreSeeMostlyHealthyBudgetsWithTheIncidentsSpent() {
    Map<String, Double> left = budgetsLeft();
    assertThat(left).containsOnlyKeys(spec.slos().stream().map(s -> s.name()).toList());
    assertThat(left.get("assign-courier-availability")).isBetween(0.40, 0.95);
    assertThat(left.get("fetch-orders-latency")).isBetween(0.40, 0.95);
    assertThat(left.get("platform-uptime")).isBetween(0.10, 0.90);
    assertThat(left.get("order-to-tracking-journey")).isBetween(0.10, 0.95);
    for (String untouched : List.of("cdn-availability", "track-delivery-freshness")) {
      assertThat(left.get(untouched)).as(untouched).isBetween(0.80, 0.999);
    }
    assertThat(left.get("load-balancer-errors")).isBetween(0.70, 0.99);
  }

  @Test
  void everyDayHasTrafficShapedLikeTheSellersWithHourlyRollups() {
    Instant end = clock.instant();
    long fromMinute = end.minus(Duration.ofDays(GeneratedHistory.DAYS)).getEpochSecond() / 60;
    List<MinuteBucket> minutes = store.minuteBuckets("load-balancer-errors", fromMinute,
        end.getEpochSecond() / 60);
    assertThat(minutes).hasSizeGreaterThan(GeneratedHistory.DAYS * 1400);
    List<MinuteBucket> hours = store.hourBuckets("load-balancer-errors", fromMinute / 60,
        end.getEpochSecond() / 3600 + 1);
    assertThat(hours.stream().mapToLong(MinuteBucket::valid).sum())
        .isEqualTo(minutes.stream().mapToLong(MinuteBucket::valid).sum());
    // Wednesday 2026-11-11 in Berlin: 15:00 (14:00Z) has several times the traffic of 03:00.
    long peak = valid("load-balancer-errors", Instant.parse("2026-11-11T14:00:00Z"));
    long night = valid("load-balancer-errors", Instant.parse("2026-11-11T02:00:00Z"));
    long sunday = valid("load-balancer-errors", Instant.parse("2026-11-15T14:00:00Z"));
    assertThat(peak).isGreaterThan(3 * night);
    assertThat(sunday).isLessThan(peak * 3 / 4);
  }

  private long valid(String sli, Instant hourStart) {
    long h = hourStart.getEpochSecond() / 3600;
    return store.hourBuckets(sli, h, h + 1).get(0).valid();
  }

  @Test
  void theCourierOutageIsAnIncidentWithItsAlertsAndErrorStatesInEveryRegion() {
    List<Incident> incidents = store.incidents(null, null, false, null, null, 0, 10).items();
    assertThat(incidents).hasSize(2);
    Incident outage = incidents.get(1);
    assertThat(outage.title()).startsWith("assign-courier-availability burns");
    assertThat(outage.rootCause()).contains("courier partner");
    assertThat(outage.slos()).contains("assign-courier-availability", "platform-uptime");
    assertThat(outage.openedAt()).isBetween(episodes.courierDown().start(),
        episodes.courierDown().end());
    Instant mid = episodes.courierDown().start().plus(Duration.ofMinutes(4));
    List<StoredObservation> deep = store.observations("platform-deep", mid.minusSeconds(60),
        mid.plusSeconds(60));
    assertThat(deep).extracting(StoredObservation::region).containsAll(REGIONS);
    assertThat(deep).extracting(StoredObservation::state).containsOnly(State.ERROR);
    long minute = mid.getEpochSecond() / 60;
    MinuteBucket assign = store.minuteBuckets("assign-courier-availability", minute, minute + 1)
        .get(0);
    assertThat(assign.good()).isZero();
    MinuteBucket uptime = store.minuteBuckets("platform-uptime", minute, minute + 1).get(0);
    assertThat(uptime.good()).isZero();
    assertThat(uptime.valid()).isEqualTo(60_000);
    List<AlertEvent> alerts = store.alertHistory(AlertQuery.all(), 0, 100).items();
    assertThat(alerts).extracting(AlertEvent::subject).contains("assign-courier-availability",
        "platform-deep", "fetch-orders-latency");
    assertThat(alerts).allMatch(AlertEvent::delivered);
    assertThat(store.openAlerts()).isEmpty();
  }

  @Test
  void theSlowShopIsAResolvedIncidentOnFetchOrders() {
    Incident slow = store.incidents(null, null, false, null, null, 0, 10).items().get(0);
    assertThat(slow.slos()).containsExactly("fetch-orders-latency");
    assertThat(slow.openedAt()).isBetween(clock.instant().minus(Duration.ofDays(5)),
        clock.instant().minus(Duration.ofDays(3)));
    assertThat(slow.open()).isFalse();
  }

  @Test
  void theMaintenanceWindowIsStoredAndItsChecksAreUnknown() {
    List<MaintenanceWindow> windows = store.maintenanceWindows();
    assertThat(windows).hasSize(1);
    MaintenanceWindow w = windows.get(0);
    assertThat(w.start().atZone(spec.timeZone()).getDayOfWeek())
        .isEqualTo(java.time.DayOfWeek.SUNDAY);
    assertThat(w.start().atZone(spec.timeZone()).getHour()).isEqualTo(2);
    assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofMinutes(30));
    assertThat(store.observations("platform-health", w.start().plusSeconds(60),
        w.end().minusSeconds(60))).extracting(StoredObservation::state)
        .containsOnly(State.UNKNOWN);
  }

  @Test
  void historyEndsBeforeTheStart() {
    long now = clock.instant().getEpochSecond() / 60;
    assertThat(store.minuteBuckets("load-balancer-errors", now, now + 10_000)).isEmpty();
    assertThat(store.observations("platform-health", clock.instant(),
        clock.instant().plus(Duration.ofDays(1)))).isEmpty();
  }

  @Test
  void aSecondStartOnTheSameStoreAddsNothing() throws Exception {
    Map<String, Double> before = budgetsLeft();
    history(store);
    assertThat(budgetsLeft()).isEqualTo(before);
    assertThat(store.maintenanceWindows()).hasSize(1);
  }

  @Test
  void theSameStartGivesTheSameHistory(@TempDir Path other) throws Exception {
    try (Store again = Stores.open(null, other, null, null)) {
      history(again);
      for (String slo : List.of("assign-courier-availability", "platform-uptime",
          "order-to-tracking-journey")) {
        long to = clock.instant().getEpochSecond() / 60;
        long from = to - GeneratedHistory.DAYS * 1440L;
        assertThat(again.minuteBuckets(slo, from, to)).as(slo)
            .isEqualTo(store.minuteBuckets(slo, from, to));
      }
      Instant day = clock.instant().minus(Duration.ofDays(3));
      assertThat(again.observations("platform-health", day, day.plus(Duration.ofHours(1))))
          .isEqualTo(store.observations("platform-health", day, day.plus(Duration.ofHours(1))));
    }
  }

  @Test
  void lastMonthsReportKeepsItsFiguresWhenTheServerPrunesObservationsAfterThirtyDays(
      @TempDir Path other) throws Exception {
    try (Store s = Stores.open(null, other, null, null)) {
      history(s);
      java.time.YearMonth month = java.time.YearMonth.from(clock.instant().atZone(
          spec.timeZone())).minusMonths(1);
      MaintenanceCalendar calendar = MaintenanceCalendar.of(spec, s.maintenanceWindows());
      MonthlyReport before = Reports.build(spec, s, calendar, "acme", month, clock);
      assertThat(before.slos()).anySatisfy(slo -> assertThat(slo.uptime()).isNotEmpty());
      s.prune(clock.instant().minus(Duration.ofDays(30)), clock.instant().minus(Duration.ofDays(
          400)));
      assertThat(s.observations("platform-health", clock.instant().minus(Duration.ofDays(35)),
          clock.instant().minus(Duration.ofDays(31)))).isEmpty();
      MonthlyReport after = Reports.build(spec, s, calendar, "acme", month, clock);
      assertThat(after.figuresHash()).isEqualTo(before.figuresHash());
    }
  }

  @Test
  void fetchOrdersDurationsAreInItsHistogramSlowDuringTheSlowShop() {
    String series = "platform /fetch-orders @ingress";
    long from = episodes.slowShop().start().getEpochSecond() / 60;
    long to = episodes.slowShop().end().getEpochSecond() / 60;
    Map<Long, Long> slow = store.latency(series, from, to);
    long over = slow.entrySet().stream().filter(e -> e.getKey() == -1 || e.getKey() > 2_000)
        .mapToLong(Map.Entry::getValue).sum();
    long total = slow.values().stream().mapToLong(Long::longValue).sum();
    assertThat(over).isBetween(total / 3, total * 2 / 3);
    Map<Long, Long> before = store.latency(series, from - 60, from);
    assertThat(before.entrySet().stream().filter(e -> e.getKey() == -1 || e.getKey() > 2_000)
        .mapToLong(Map.Entry::getValue).sum()).isLessThan(5);
    assertThat(before.values().stream().mapToLong(Long::longValue).sum()).isPositive();
  }
}
