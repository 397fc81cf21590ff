package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorSlisTest {
  private static final Instant T0 = Instant.parse("2026-10-01T10:00:00Z");
  private static final long M0 = T0.getEpochSecond() / 60;

  private static MonitorSlis slis(String regions, String count) throws Exception {
    return new MonitorSlis(SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        regions: %s
        services: [{name: web}]
        monitors:
          - {name: home, service: web, kind: http, interval: 10s, timeout: 5s,
             request: {url: "http://127.0.0.1/"}}
        slos:
          - name: web-uptime
            service: web
            sli: {kind: uptime, source: {monitors: [home]}}
            target: 99
            window: 30d
            owner: team
          - name: web-checks
            service: web
            sli: {kind: availability, source: {monitors: [home]%s}}
            target: 99
            window: 30d
            owner: team
        """.formatted(regions, count)).spec());
  }

  private static Observation at(int seconds, State s) {
    return new Observation(T0.plusSeconds(seconds), s);
  }

  @Test
  void uptimeCountsUpAndDownMillisecondsPerMinuteUpToTheWatermark() throws Exception {
    MonitorSlis slis = slis("[eu]", "");
    assertThat(slis.advance(T0)).isEmpty();                // starts attributing from here
    slis.observation("home", "eu", at(0, State.OK));
    slis.observation("home", "eu", at(10, State.OK));
    slis.observation("home", "eu", at(20, State.ERROR));
    slis.observation("home", "eu", at(30, State.OK));
    slis.observation("home", "eu", at(70, State.OK));
    List<BucketDelta> out = slis.advance(T0.plusSeconds(70));
    // By the rule table: 0-10 s up (OK->OK), 10-20 down (OK->ERROR), 20-30 down (ERROR->OK),
    // 30-60 up; then 60-70 up in the next minute.
    assertThat(out).filteredOn(d -> d.sli().equals("web-uptime")).containsExactly(
        new BucketDelta("web-uptime", M0, 40_000, 60_000),
        new BucketDelta("web-uptime", M0 + 1, 10_000, 10_000));
  }

  private static MonitorSlis withMaintenance(String mode) throws Exception {
    return new MonitorSlis(SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        services: [{name: web}]
        monitors:
          - {name: home, service: web, kind: http, interval: 10s, request: {url: "http://127.0.0.1/"}}
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
        """.formatted(mode)).spec());
  }

  @Test
  void maintenanceTimeIsUnknownOrLeftOutAsTheSloSays() throws Exception {
    for (String mode : List.of("unknown", "exclude")) {
      MonitorSlis slis = withMaintenance(mode);
      slis.advance(T0);
      slis.observation("home", "local", at(0, State.OK));
      slis.observation("home", "local", at(10, State.OK));
      slis.observation("home", "local", at(20, State.UNKNOWN));   // recorder: in maintenance
      slis.observation("home", "local", at(30, State.UNKNOWN));
      slis.observation("home", "local", at(40, State.OK));
      slis.observation("home", "local", at(60, State.OK));
      List<BucketDelta> out = slis.advance(T0.plusSeconds(60));
      // unknown: OK->UNKNOWN 10-20 up, UNKNOWN->UNKNOWN 20-30 unknown, UNKNOWN->OK 30-40 up.
      // exclude: 20-40 is not counted at all.
      assertThat(out).as(mode).containsExactly(mode.equals("unknown")
          ? new BucketDelta("web-uptime", M0, 50_000, 50_000)
          : new BucketDelta("web-uptime", M0, 40_000, 40_000));
    }
  }

  @Test
  void oneFailingRegionOfThreeIsNotDowntime() throws Exception {
    MonitorSlis slis = slis("[eu, us, ap]", "");
    slis.advance(T0);
    for (int s = 0; s <= 60; s += 10) {
      slis.observation("home", "eu", at(s, State.OK));
      slis.observation("home", "us", at(s, State.OK));
      slis.observation("home", "ap", at(s, s >= 20 ? State.ERROR : State.OK));
    }
    assertThat(slis.advance(T0.plusSeconds(60))).filteredOn(d -> d.sli().equals("web-uptime"))
        .containsExactly(new BucketDelta("web-uptime", M0, 60_000, 60_000));
  }

  @Test
  void completedChecksAreCountedAndPendingStatesAreNot() throws Exception {
    MonitorSlis slis = slis("[eu]", "");
    List<BucketDelta> out = new ArrayList<>();
    out.addAll(slis.observation("home", "eu", at(0, State.OK)));
    out.addAll(slis.observation("home", "eu", at(10, State.UNKNOWN)));
    out.addAll(slis.observation("home", "eu", at(10, State.ERROR)));
    assertThat(out).containsExactly(new BucketDelta("web-checks", M0, 1, 1),
        new BucketDelta("web-checks", M0, 0, 1));
  }

  @Test
  void attemptsAreCountedWhenTheSloSaysSo() throws Exception {
    MonitorSlis slis = slis("[eu]", ", count: attempts");
    assertThat(slis.attempt("home", T0, false)).containsExactly(new BucketDelta("web-checks", M0, 0, 1));
    assertThat(slis.observation("home", "eu", at(5, State.ERROR)))
        .filteredOn(d -> d.sli().equals("web-checks")).isEmpty();
  }
}
