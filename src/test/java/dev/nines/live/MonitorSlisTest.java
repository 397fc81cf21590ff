package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.StoredObservation;
import dev.nines.store.Stores;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorSlisTest {
  private static final Instant T0 = Instant.parse("2026-10-01T10:00:00Z");
  private static final long M0 = T0.getEpochSecond() / 60;
  /** The monitors below settle 10 s after a check: timeout 5 s, no retries, 5 s delivery. */
  private static final long LAG = 10;

  @TempDir Path dir;
  private Store store;

  @BeforeEach
  void open() {
    store = Stores.open(null, dir, null, null);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Spec spec(String regions, String count, String extra) throws Exception {
    return SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        regions: %s
        services: [{name: web}]
        monitors:
          - {name: home, service: web, kind: http, interval: 30s, timeout: 5s,
             request: {url: "http://127.0.0.1/"}}
        slos:
          - name: web-uptime
            service: web
            sli: {kind: uptime, source: {monitors: [home]}}
            target: 99
            window: 30d
            owner: team
            %s
          - name: web-checks
            service: web
            sli: {kind: availability, source: {monitors: [home]%s}}
            target: 99
            window: 30d
            owner: team
        """.formatted(regions, extra, count)).spec();
  }

  private void store(String region, String states) {
    List<StoredObservation> list = new ArrayList<>();
    for (String part : states.split(";")) {
      String[] x = part.strip().split(" ");
      list.add(new StoredObservation("home", region, T0.plusSeconds(Long.parseLong(x[1])),
          State.valueOf(x[0]), null, "probe"));
    }
    store.appendObservations(list);
  }

  /** A first call at T0 + lag: attribution starts with the minute of T0. */
  private MonitorSlis started(Spec spec) {
    MonitorSlis slis = new MonitorSlis(spec, store, Map.of(), T0.plusSeconds(LAG));
    assertThat(slis.advance(T0.plusSeconds(LAG))).isEmpty();
    return slis;
  }

  private static List<BucketDelta> uptime(List<BucketDelta> deltas) {
    return deltas.stream().filter(d -> d.sli().startsWith("web-uptime")).toList();
  }

  @Test
  void eachSettledMinuteGetsTheUptimeOfTheStoredObservationsOnce() throws Exception {
    MonitorSlis slis = started(spec("[eu]", "", ""));
    store("eu", "OK 0; OK 10; ERROR 20; OK 30; OK 70; OK 100; OK 130");

    List<BucketDelta> out = uptime(slis.advance(T0.plusSeconds(130 + LAG)));

    // 0-10 up, 10-20 OK -> ERROR and 20-30 ERROR -> OK down and uncertain, 30-120 up; the
    // minute from 120 s is not over yet.
    assertThat(out).containsExactly(
        new BucketDelta("web-uptime", M0, 40_000, 60_000),
        new BucketDelta(UptimeBuckets.uncertainKey("web-uptime"), M0, 0, 20_000),
        new BucketDelta("web-uptime", M0 + 1, 60_000, 60_000));
    assertThat(uptime(slis.advance(T0.plusSeconds(130 + LAG)))).isEmpty();
  }

  @Test
  void theTimeAfterTheLastCheckWaitsForTheNextCheck() throws Exception {
    MonitorSlis slis = started(spec("[eu]", "", ""));
    store("eu", "OK 0; OK 30; OK 55");

    // Settled up to 100 s, but the last check was at 55 s: 55-60 waits (still fresh until 115).
    assertThat(uptime(slis.advance(T0.plusSeconds(100 + LAG)))).isEmpty();
    store("eu", "ERROR 90");
    assertThat(uptime(slis.advance(T0.plusSeconds(100 + LAG)))).containsExactly(
        new BucketDelta("web-uptime", M0, 55_000, 60_000),
        new BucketDelta(UptimeBuckets.uncertainKey("web-uptime"), M0, 0, 5_000));
  }

  @Test
  void silenceIsUnknownTimeInItsOwnBucket() throws Exception {
    MonitorSlis slis = started(spec("[eu]", "", ""));
    store("eu", "OK 0");

    // Fresh until 60 s (OK -> silence: up, uncertain), then unknown.
    assertThat(uptime(slis.advance(T0.plusSeconds(120 + LAG)))).containsExactly(
        new BucketDelta("web-uptime", M0, 60_000, 60_000),
        new BucketDelta(UptimeBuckets.uncertainKey("web-uptime"), M0, 60_000, 60_000),
        new BucketDelta(UptimeBuckets.unknownKey("web-uptime"), M0 + 1, 60_000, 60_000),
        new BucketDelta(UptimeBuckets.uncertainKey("web-uptime"), M0 + 1, 0, 60_000));
  }

  @Test
  void afterARestartAnSloResumesAfterItsNewestStoredMinute() throws Exception {
    Spec spec = spec("[eu]", "", "");
    MonitorSlis first = started(spec);
    store("eu", "OK 0; OK 30; OK 60; OK 90; OK 120; OK 150; OK 180");
    List<BucketDelta> before = first.advance(T0.plusSeconds(130 + LAG));
    store.commitIngest(List.of(new IngestBatch(null, before, List.of(), before.size())));

    MonitorSlis restarted = new MonitorSlis(spec, store, Map.of(), T0.plusSeconds(LAG));
    MonitorSlis reloaded = new MonitorSlis(spec, store, first.positions(), T0.plusSeconds(200));

    assertThat(uptime(before)).extracting(BucketDelta::minute).containsExactly(M0, M0 + 1);
    assertThat(uptime(restarted.advance(T0.plusSeconds(180 + LAG))))
        .containsExactly(new BucketDelta("web-uptime", M0 + 2, 60_000, 60_000));
    assertThat(uptime(reloaded.advance(T0.plusSeconds(180 + LAG))))
        .containsExactly(new BucketDelta("web-uptime", M0 + 2, 60_000, 60_000));
  }

  @Test
  void maintenanceTimeIsUnknownOrLeftOutAsTheSloSays() throws Exception {
    Store shared = store;
    for (String mode : List.of("unknown", "exclude")) {
      Spec spec = SpecReader.read("t.yaml", """
          apiVersion: nines/v1
          services: [{name: web}]
          monitors:
            - {name: home, service: web, kind: http, interval: 10s, timeout: 5s,
               request: {url: "http://127.0.0.1/"}}
          slos:
            - name: web-uptime
              service: web
              maintenance: %s
              sli: {kind: uptime, source: {monitors: [home]}}
              target: 99
              window: 30d
              owner: team
          maintenance:
            - {service: web, start: "2026-10-01T10:00:20Z", end: "2026-10-01T10:00:40Z"}
          """.formatted(mode)).spec();
      try (Store s = Stores.open(null, dir.resolve(mode), null, null)) {
        store = s;
        MonitorSlis slis = started(spec);
        store("local", "OK 0; OK 10; ERROR 20; ERROR 30; OK 40; OK 50; OK 60");
        List<BucketDelta> out = uptime(slis.advance(T0.plusSeconds(60 + LAG)));
        // unknown: OK -> UNKNOWN 10-20 up, UNKNOWN -> UNKNOWN 20-30 unknown, UNKNOWN -> OK
        // 30-40 up. exclude: 20-40 is not counted at all.
        assertThat(out).as(mode).contains(mode.equals("unknown")
            ? new BucketDelta("web-uptime", M0, 50_000, 50_000)
            : new BucketDelta("web-uptime", M0, 40_000, 40_000));
      }
    }
    // The store of each mode is closed above; the one opened for every test is closed after.
    store = shared;
  }

  @Test
  void oneFailingRegionOfThreeIsNotDowntime() throws Exception {
    MonitorSlis slis = started(spec("[eu, us, ap]", "", ""));
    for (String region : List.of("eu", "us")) {
      store(region, "OK 0; OK 30; OK 60");
    }
    store("ap", "OK 0; ERROR 30; ERROR 60");

    assertThat(uptime(slis.advance(T0.plusSeconds(60 + LAG))))
        .containsExactly(new BucketDelta("web-uptime", M0, 60_000, 60_000));
  }

  @Test
  void completedChecksAreCountedAndPendingStatesAreNot() throws Exception {
    MonitorSlis slis = new MonitorSlis(spec("[eu]", "", ""), store, Map.of(), T0);
    List<BucketDelta> out = new ArrayList<>();
    out.addAll(slis.observation("home", new Observation(T0, State.OK)));
    out.addAll(slis.observation("home", new Observation(T0.plusSeconds(10), State.UNKNOWN)));
    out.addAll(slis.observation("home", new Observation(T0.plusSeconds(10), State.ERROR)));
    assertThat(out).containsExactly(new BucketDelta("web-checks", M0, 1, 1),
        new BucketDelta("web-checks", M0, 0, 1));
  }

  @Test
  void attemptsAreCountedWhenTheSloSaysSo() throws Exception {
    MonitorSlis slis = new MonitorSlis(spec("[eu]", ", count: attempts", ""), store, Map.of(), T0);
    assertThat(slis.attempt("home", T0, false))
        .containsExactly(new BucketDelta("web-checks", M0, 0, 1));
    assertThat(slis.observation("home", new Observation(T0.plusSeconds(5), State.ERROR)))
        .isEmpty();
  }
}
