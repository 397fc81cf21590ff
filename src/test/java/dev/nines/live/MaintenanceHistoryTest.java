package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.ingest.IngestWriter;
import dev.nines.maintenance.AppliedHistory;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import dev.nines.store.StoredObservation;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import dev.nines.uptime.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows applied to the stored history by {@link MaintenanceHistory} through a
 * {@link MaintenanceBook}, on a real SQLite store with the recorder attributing uptime minutes:
 * which minutes each SLO gets, and what the answer says about the rest.
 *
 * <p>The feed says OK every minute from 10:30 to 11:10 but ERROR from 10:35 to 10:39; the
 * excluding event SLO has ten requests a minute from 10:30 to 10:49. Now is 10:55.
 */
class MaintenanceHistoryTest {
  private static final Instant T0 = FakeClock.NOW;
  private static final long M0 = T0.getEpochSecond() / 60;

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(T0);
  private final AtomicInteger rebuilds = new AtomicInteger();
  private Store store;
  private IngestWriter writer;
  private ProbeRecorder probes;
  private MaintenanceBook book;
  /** How long each ingest commit waits before it goes to the store. */
  private volatile long commitDelayMillis;

  @BeforeEach
  void open() throws Exception {
    Path file = Path.of("src/test/resources/spec/after-the-fact.yaml");
    Spec spec = SpecReader.read(file.toString(), Files.readString(file)).spec();
    store = Stores.open(null, dir, null, null);
    Store slowCommits = (Store) java.lang.reflect.Proxy.newProxyInstance(
        Store.class.getClassLoader(), new Class<?>[] {Store.class}, (proxy, method, args) -> {
          if (method.getName().equals("commitIngest")) {
            Thread.sleep(commitDelayMillis);
          }
          try {
            return method.invoke(store, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    writer = new IngestWriter(slowCommits, clock, 100_000, c -> { });
    book = new MaintenanceBook(spec, store, clock);
    probes = new ProbeRecorder(spec, store, writer, clock, book);
    book.applyHistoryWith(new MaintenanceHistory(store, writer, probes, clock,
        Duration.ofDays(30), rebuilds::incrementAndGet));
    String region = spec.regionsOf(spec.monitors().get(0)).get(0);
    List<StoredObservation> feed = new ArrayList<>();
    for (int m = 0; m <= 40; m++) {
      feed.add(new StoredObservation("feed", region, T0.plusSeconds(60L * m),
          m >= 5 && m <= 9 ? State.ERROR : State.OK, null, "external"));
    }
    store.appendObservations(feed);
    List<BucketDelta> events = new ArrayList<>();
    for (int m = 0; m < 20; m++) {
      events.add(new BucketDelta("orders-success", M0 + m, m >= 5 && m <= 9 ? 0 : 10, 10));
    }
    writer.write(new IngestBatch(null, events, List.of(), 200)).get(5, TimeUnit.SECONDS);
    attributeUntil(T0.plus(Duration.ofMinutes(25)));
  }

  @AfterEach
  void close() {
    writer.close();
    store.close();
  }

  /** Moves the clock and lets the recorder write every settled uptime minute. */
  private void attributeUntil(Instant t) throws Exception {
    clock.set(t);
    probes.flush();
    writer.write(new IngestBatch(null, List.of(), List.of(), 0)).get(5, TimeUnit.SECONDS);
  }

  private static AppliedHistory.SloEffect effect(AppliedHistory a, String slo) {
    return a.slos().stream().filter(e -> e.slo().equals(slo)).findFirst().orElseThrow();
  }

  private List<Long> minutes(String sli, int from, int to) {
    return store.minuteBuckets(sli, M0 + from, M0 + to).stream()
        .map(b -> b.period() - M0).toList();
  }

  @Test
  void minutesPartlyCoveredAtBothEndsKeepTheirEventsAndAreRecomputedForUptime() {
    MaintenanceBook.Change c = book.add("web", T0.plusSeconds(270), T0.plusSeconds(560), null,
        "sam");
    AppliedHistory a = c.applied();
    assertThat(effect(a, "orders-success")).isEqualTo(new AppliedHistory.SloEffect(
        "orders-success", AppliedHistory.How.EXCLUDED, 4, 4, "the partly covered minutes "
        + T0.plusSeconds(240) + " and " + T0.plusSeconds(540) + " keep their events"));
    assertThat(minutes("orders-success", 0, 20)).containsExactly(0L, 1L, 2L, 3L, 4L, 9L, 10L,
        11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
    assertThat(effect(a, "feed-uptime")).isEqualTo(new AppliedHistory.SloEffect("feed-uptime",
        AppliedHistory.How.RECOMPUTED, 6, 6, null));
    assertThat(store.minuteBuckets("feed-uptime", M0 + 5, M0 + 9)).as("no time left in "
        + "10:35-10:39 but the UNKNOWN -> OK minute 10:39 and its neighbours").isEmpty();
    assertThat(store.minuteBuckets("feed-uptime#unknown", M0 + 5, M0 + 9)).extracting(
        MinuteBucket::valid).containsOnly(60_000L);
    assertThat(rebuilds).hasValue(1);
    assertThat(store.maintenanceApplied("web", T0.plusSeconds(270), T0.plusSeconds(560)))
        .contains(a);
  }

  @Test
  void aWindowStillGoingOnIsAppliedUpToNowAndItsLaterMinutesFollowTheCalendar()
      throws Exception {
    long position = probes.withoutFlushing(p -> p.get("feed-uptime"));
    AppliedHistory a = book.add("web", T0.plusSeconds(270), T0.plus(Duration.ofHours(1)),
        "failover", "sam").applied();
    assertThat(a.to()).isEqualTo(clock.instant());
    assertThat(effect(a, "orders-success").minutes()).as("10:35 to 10:54").isEqualTo(20);
    assertThat(effect(a, "orders-success").changedMinutes()).as("events until 10:49")
        .isEqualTo(15);
    AppliedHistory.SloEffect uptime = effect(a, "feed-uptime");
    assertThat(uptime.minutes()).isEqualTo(position - (M0 + 4));
    if (position < M0 + 25) {
      assertThat(uptime.note()).isEqualTo("minutes from " + Instant.ofEpochSecond(position * 60)
          + " on are attributed with the window as they settle");
    }

    attributeUntil(T0.plus(Duration.ofMinutes(35)));
    assertThat(minutes("feed-uptime", 25, 33)).as("checks say OK, the calendar says "
        + "maintenance").isEmpty();
    assertThat(minutes("feed-uptime#unknown", 25, 33)).hasSize(8);
  }

  @Test
  void uptimeMinutesOnTheirWayToTheStoreWhenTheWindowIsAddedAreNotCountedTwice()
      throws Exception {
    commitDelayMillis = 300;
    writer.write(new IngestBatch(null, List.of(), List.of(), 0));    // the writer is busy
    clock.set(T0.plus(Duration.ofMinutes(35)));
    probes.flush();                  // 10:54-11:04 made with the old calendar, queued behind it
    long position = probes.withoutFlushing(p -> p.get("feed-uptime"));
    AppliedHistory a = book.add("web", T0.plus(Duration.ofMinutes(20)),
        T0.plus(Duration.ofMinutes(40)), null, "sam").applied();
    assertThat(effect(a, "feed-uptime").minutes()).isEqualTo(position - (M0 + 20));
    writer.write(new IngestBatch(null, List.of(), List.of(), 0)).get(5, TimeUnit.SECONDS);
    for (long m = M0 + 20; m < position; m++) {
      long attributed = 0;
      for (String key : List.of("feed-uptime", "feed-uptime#unknown")) {
        attributed += store.minuteBuckets(key, m, m + 1).stream().mapToLong(MinuteBucket::valid)
            .sum();
      }
      assertThat(attributed).as("minute %d holds one minute", m - M0).isEqualTo(60_000);
    }
  }

  @Test
  void aPlannedWindowChangesNothingAndAnOldOneOnlyWhatIsNotPastTheRawRetention() {
    MaintenanceBook.Change planned = book.add("web", T0.plus(Duration.ofHours(2)),
        T0.plus(Duration.ofHours(3)), null, "sam");
    assertThat(planned.applied()).isNull();
    assertThat(rebuilds).hasValue(0);

    Instant old = clock.instant().minus(Duration.ofDays(40));
    AppliedHistory a = book.add("web", old, old.plus(Duration.ofDays(1)), null, "sam")
        .applied();
    assertThat(effect(a, "feed-uptime")).isEqualTo(new AppliedHistory.SloEffect("feed-uptime",
        AppliedHistory.How.UNCHANGED, 0, 0, "left as stored: the window is older than the raw "
        + "retention, whose observations are gone"));
    assertThat(effect(a, "orders-success").how()).isEqualTo(AppliedHistory.How.EXCLUDED);
    assertThat(effect(a, "orders-success").changedMinutes()).isZero();
    assertThat(effect(a, "orders-counted").how()).isEqualTo(AppliedHistory.How.UNCHANGED);
    assertThat(rebuilds).as("nothing stored changed: no rebuild").hasValue(0);
  }
}
