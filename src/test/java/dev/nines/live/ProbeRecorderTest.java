package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.probe.PendingStates;
import dev.nines.spec.SpecReader;
import dev.nines.testing.FakeClock;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeRecorderTest {

  @Test
  void anErrorInsideMaintenanceIsStoredAsUnknownSayingWhatTheProbeSaw() throws Exception {
    ProbeRecorder recorder = new ProbeRecorder(SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        services: [{name: web}]
        monitors:
          - {name: home, service: web, kind: http, request: {url: "http://127.0.0.1/"}}
        maintenance:
          - {service: web, start: "2026-10-01T10:00:00Z", end: "2026-10-01T11:00:00Z", reason: upgrade}
        """).spec(), null, null, new FakeClock());
    PendingStates.Resolved inside = recorder.maintained(new PendingStates.Resolved("home", "local",
        new Observation(Instant.parse("2026-10-01T10:30:00Z"), State.ERROR), "HTTP 503"));
    assertThat(inside.observation().state()).isEqualTo(State.UNKNOWN);
    assertThat(inside.message()).isEqualTo("maintenance: upgrade; probe saw ERROR (HTTP 503)");
    PendingStates.Resolved after = new PendingStates.Resolved("home", "local",
        new Observation(Instant.parse("2026-10-01T11:00:00Z"), State.ERROR), "HTTP 503");
    assertThat(recorder.maintained(after)).isSameAs(after);
  }

  @Test
  void aBackdatedErrorReplacesThePendingUnknownsAndAnOkReleasesThem() {
    PendingStates pending = new PendingStates();
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    assertThat(pending.resolve(state(t, State.UNKNOWN))).isEmpty();
    assertThat(pending.resolve(state(t.plusSeconds(5), State.UNKNOWN))).isEmpty();
    assertThat(pending.resolve(state(t, State.ERROR))).extracting(r -> r.observation().state())
        .containsExactly(State.ERROR);
    assertThat(pending.resolve(state(t.plusSeconds(20), State.UNKNOWN))).isEmpty();
    assertThat(pending.resolve(state(t.plusSeconds(25), State.OK)))
        .extracting(r -> r.observation().state()).containsExactly(State.UNKNOWN, State.OK);
  }

  private static PendingStates.Resolved state(Instant t, State s) {
    return new PendingStates.Resolved("home", "local", new Observation(t, s), null);
  }

  @Test
  void resultsWaitWhileTheStoreIsLockedAndAreStoredOnceItIsFree(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    dev.nines.model.Spec spec = SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        services: [{name: web}]
        monitors:
          - {name: home, service: web, kind: http, request: {url: "http://127.0.0.1/"}}
        """).spec();
    try (dev.nines.store.Store store = dev.nines.store.Stores.open(null, dir, null, null);
        dev.nines.ingest.IngestWriter writer = new dev.nines.ingest.IngestWriter(store, 1000,
            b -> { })) {
      ProbeRecorder recorder = new ProbeRecorder(spec, store, writer,
          new FakeClock(Instant.parse("2026-10-01T10:05:00Z")));
      Instant t = Instant.parse("2026-10-01T10:00:00Z");
      recorder.observation("home", "local", new Observation(t, State.OK), null);
      try (java.sql.Connection lock = java.sql.DriverManager.getConnection(
          "jdbc:sqlite:" + dir.resolve("nines.db")); java.sql.Statement s = lock.createStatement()) {
        s.execute("BEGIN EXCLUSIVE");
        recorder.flush();                      // busy: the state waits in memory
        s.execute("ROLLBACK");
      }
      assertThat(store.observations("home", t, t.plusSeconds(1))).isEmpty();
      recorder.flush();
      assertThat(store.observations("home", t, t.plusSeconds(1))).extracting(o -> o.state())
          .containsExactly(State.OK);
      recorder.flush();
      assertThat(store.observations("home", t, t.plusSeconds(1))).hasSize(1);
    }
  }

  @Test
  void aRestartedRecorderKnowsTheLatestStoredStateOfEveryRegion(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    dev.nines.model.Spec spec = SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        regions: [eu, us]
        services: [{name: web}]
        monitors:
          - {name: home, service: web, kind: http, request: {url: "http://127.0.0.1/"}}
        """).spec();
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    try (dev.nines.store.Store store = dev.nines.store.Stores.open(null, dir, null, null)) {
      store.appendObservations(java.util.List.of(
          new dev.nines.store.StoredObservation("home", "eu", t, State.OK, null, "probe"),
          new dev.nines.store.StoredObservation("home", "eu", t.plusSeconds(30), State.ERROR,
              "HTTP 503", "probe"),
          new dev.nines.store.StoredObservation("home", "us", t.plusSeconds(10), State.OK, null,
              "agent")));
      ProbeRecorder recorder = new ProbeRecorder(spec, store, null,
          new FakeClock(t.plusSeconds(40)));
      assertThat(recorder.latest("home")).containsOnlyKeys("eu", "us");
      assertThat(recorder.latest("home").get("eu")).isEqualTo(new ProbeRecorder.Latest(
          new Observation(t.plusSeconds(30), State.ERROR), "HTTP 503"));
      assertThat(recorder.latest("home").get("us").observation().state()).isEqualTo(State.OK);
    }
  }
}
