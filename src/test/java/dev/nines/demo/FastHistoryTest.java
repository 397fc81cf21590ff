package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.live.MonitorUptimes;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.MonitorSpec;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import dev.nines.uptime.UptimeReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history of a demo played at {@code --speed 10}: its spec checks every 1.5 s (shallow) and
 * 6 s (deep, journey), so a region is silent 3 s and 12 s after its last check. The history
 * written before such a run must leave no region silent between its checks, or every monitor
 * page over 24 h or 7 d, the uptime SLO and last month's report show the past mostly UNKNOWN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FastHistoryTest {
  private static final List<String> REGIONS = List.of("eu-central", "us-east", "ap-south");
  private static final double SPEED = 10;

  @TempDir static Path dir;
  private final FakeClock clock = new FakeClock();
  private Spec spec;
  private Store store;
  private Instant end;

  @BeforeAll
  void writeTheHistoryOfAFastDemo() throws Exception {
    spec = SpecReader.read("nines-demo.yaml", DemoSpec.render(DemoSpecTest.values(SPEED,
        REGIONS))).spec();
    store = Stores.open(null, dir, null, null);
    new GeneratedHistory(null).write(new DemoHistory.Context(store, spec,
        dir.resolve("spec.yaml"), dir, clock.instant(), SPEED));
    end = Instant.ofEpochSecond(Math.floorDiv(clock.instant().getEpochSecond(), 60) * 60);
  }

  @AfterAll
  void closeTheStore() {
    store.close();
  }

  private UptimeReport uptime(MonitorSpec m, Instant from, Instant to) {
    MaintenanceCalendar calendar = MaintenanceCalendar.of(spec, store.maintenanceWindows());
    return new MonitorUptimes(() -> spec, store, () -> calendar).monitor(m, from, to, to);
  }

  private static Duration historyStep(double speed, String monitor) throws Exception {
    Spec s = SpecReader.read("nines-demo.yaml", DemoSpec.render(DemoSpecTest.values(speed,
        REGIONS))).spec();
    return HistoryProbes.interval(s.monitors().stream().filter(m -> m.name().equals(monitor))
        .findFirst().orElseThrow(), speed);
  }

  @Test
  void theHistoryChecksAtSpeedOnesIntervalsUnlessTheSpecWouldCallThatSilence() throws Exception {
    assertThat(historyStep(1, "platform-health")).isEqualTo(Duration.ofSeconds(15));
    assertThat(historyStep(1, "platform-deep")).isEqualTo(Duration.ofMinutes(1));
    assertThat(historyStep(2, "platform-health")).isEqualTo(Duration.ofSeconds(15));
    // Speed 10: shallow every 1.5 s, deep every 6 s, TLS every 12 s.
    assertThat(historyStep(10, "platform-health")).isEqualTo(Duration.ofSeconds(3));
    assertThat(historyStep(10, "platform-deep")).isEqualTo(Duration.ofSeconds(12));
    assertThat(historyStep(10, "cdn-certificate")).isEqualTo(Duration.ofSeconds(24));
    // Speed 60: every check every second (the shortest interval); the history takes at most
    // five times the checks it would at the spec's interval times the speed.
    assertThat(historyStep(60, "platform-health")).isEqualTo(Duration.ofSeconds(12));
    assertThat(historyStep(60, "order-to-tracking")).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void everyMonitorIsCheckedWithoutSilenceInTheLastSevenDaysAtItsFastInterval() {
    assertThat(spec.monitors()).hasSize(4);
    for (MonitorSpec m : spec.monitors()) {
      assertThat(m.interval()).as(m.name()).isLessThan(Duration.ofSeconds(15));
      UptimeReport r = uptime(m, end.minus(Duration.ofDays(7)), end);
      assertThat(r.uptime().unknownMillis()).as(m.name() + ": unknown time in the last 7 days")
          .isZero();
      for (UptimeReport.Region region : r.regions()) {
        assertThat(region.uptime().unknownMillis()).as(m.name() + " in " + region.region())
            .isZero();
      }
    }
  }

  @Test
  void aDayBeforeTheLastWeekIsArchivedWithoutUnknownTimeAndItsUptimeSloCountsEveryMinute() {
    Instant day = java.time.LocalDate.ofInstant(end.minus(Duration.ofDays(20)), spec.timeZone())
        .atStartOfDay(spec.timeZone()).toInstant();
    for (MonitorSpec m : spec.monitors()) {
      List<dev.nines.store.UptimeDay> days = store.uptimeDays(m.name(), day,
          day.plus(Duration.ofHours(24)));
      assertThat(days).as(m.name()).hasSize(1);
      assertThat(days.get(0).unknownMillis()).as(m.name()).isZero();
      assertThat(days.get(0).upMillis()).as(m.name()).isEqualTo(Duration.ofDays(1).toMillis());
    }
    long minute = day.getEpochSecond() / 60;
    assertThat(store.minuteBuckets("platform-uptime", minute, minute + 1_440)).hasSize(1_440)
        .allSatisfy(b -> assertThat(b.valid()).isEqualTo(60_000));
  }

  @Test
  void theUptimeSloCountsEveryMinuteOfADayOutsideTheEpisodes() {
    // Two days before the start: no episode, no maintenance; the history's days end at the
    // start's time of day (10:30 UTC), and the minute before that is counted too.
    long day = Math.floorDiv(end.minus(Duration.ofDays(2)).getEpochSecond(), 86_400) * 1_440;
    List<MinuteBucket> minutes = store.minuteBuckets("platform-uptime", day, day + 1_440);
    assertThat(minutes).hasSize(1_440);
    assertThat(minutes).allSatisfy(b -> assertThat(b.valid()).isEqualTo(60_000));
  }
}
