package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.probe.PendingStates;
import dev.nines.spec.SpecReader;
import dev.nines.testing.FakeClock;
import dev.nines.testing.LogCapture;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
          new Observation(t.plusSeconds(30), State.ERROR), "HTTP 503", t.plusSeconds(30)));
      assertThat(recorder.latest("home").get("us").observation().state()).isEqualTo(State.OK);
    }
  }

  private static final String COUNTED = """
      apiVersion: nines/v1
      regions: [local, remote]
      services: [{name: web}]
      monitors:
        - {name: home, service: web, kind: http, request: {url: "http://127.0.0.1/"}}
      slos:
        - name: home-attempts
          service: web
          sli: {kind: availability, source: {monitors: [home], count: attempts}}
          target: 99
          window: 30d
          owner: team
      """;

  private static List<dev.nines.store.StoredAttempt> attempts(Instant from, int n) {
    List<dev.nines.store.StoredAttempt> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new dev.nines.store.StoredAttempt("home", "remote", from.plusSeconds(60L * i), true,
          200, null, null, null, null, null, 3.0, null));
    }
    return out;
  }

  @Test
  void agentResultsPastTheBoundAreRefusedUntilTheFlushCountsWhatWaits(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    try (dev.nines.store.Store store = dev.nines.store.Stores.open(null, dir, null, null);
        dev.nines.ingest.IngestWriter writer = new dev.nines.ingest.IngestWriter(store, 1000,
            b -> { })) {
      ProbeRecorder recorder = new ProbeRecorder(SpecReader.read("t.yaml", COUNTED).spec(),
          store, writer, new FakeClock(t.plusSeconds(600)), 3);
      assertThat(recorder.acceptAgentResults("a:1", "remote", attempts(t, 3), List.of(),
          List.of())).isTrue();
      assertThatThrownBy(() -> recorder.acceptAgentResults("a:2", "remote",
          attempts(t.plusSeconds(180), 1), List.of(), List.of()))
          .isInstanceOf(ProbeRecorder.BusyException.class)
          .hasMessage("3 attempts and 0 states of agents wait to be counted");
      assertThat(recorder.waiting()).containsExactly(0, 3, 0);
      assertThat(store.attempts("home", t, t.plusSeconds(3600), 10)).hasSize(3);

      recorder.flush();
      assertThat(recorder.waiting()).containsExactly(0, 0, 0);
      assertThat(recorder.acceptAgentResults("a:2", "remote", attempts(t.plusSeconds(180), 1),
          List.of(), List.of())).isTrue();
      assertThat(store.attempts("home", t, t.plusSeconds(3600), 10)).hasSize(4);
    }
  }

  @Test
  void sliBucketsTheWriterRefusesWaitUpToTheBoundThenTheOldestGoOnceLogged(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    try (dev.nines.store.Store store = dev.nines.store.Stores.open(null, dir, null, null);
        LogCapture log = LogCapture.warnings(ProbeRecorder.class)) {
      dev.nines.ingest.IngestWriter writer = new dev.nines.ingest.IngestWriter(store, 1000,
          b -> { });
      writer.close();                              // refuses every batch from now on
      ProbeRecorder recorder = new ProbeRecorder(SpecReader.read("t.yaml", COUNTED).spec(),
          store, writer, new FakeClock(t.plusSeconds(3600)), 4);
      for (int i = 0; i < 5; i++) {
        recorder.acceptAgentResults("a:" + i, "remote", attempts(t.plusSeconds(120L * i), 2),
            List.of(), List.of());
        recorder.flush();
        assertThat(recorder.waiting()[0]).isLessThanOrEqualTo(4);
      }
      assertThat(recorder.waiting()[0]).isEqualTo(4);
      assertThat(recorder.droppedDeltas()).isEqualTo(6);
      assertThat(log.lines()).containsExactly("ERROR dropping the oldest 2 monitor SLI buckets: "
          + "the ingest writer has refused them for too long (at most 4 wait; logged again "
          + "after they fit)");
    }
  }
}
