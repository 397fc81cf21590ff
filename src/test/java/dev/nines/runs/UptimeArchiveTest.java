package dev.nines.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.Store;
import dev.nines.store.StoredObservation;
import dev.nines.store.Stores;
import dev.nines.store.UptimeDay;
import dev.nines.uptime.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UptimeArchiveTest {
  // Noon in Berlin on Wed 18 Nov 2026; the client's days start at 23:00 UTC the day before.
  static final Instant NOW = Instant.parse("2026-11-18T11:00:00Z");
  static final Instant DAY_16 = Instant.parse("2026-11-15T23:00:00Z");

  @TempDir Path dir;
  Store store;
  Spec spec;

  @BeforeEach
  void open() throws Exception {
    spec = SpecReader.read(Path.of("src/test/resources/spec/report.yaml")).spec();
    store = Stores.open(null, dir, null, null);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void keepsEachClosedDayFromTheFirstObservationOnInTheClientsZoneOnce() {
    List<StoredObservation> obs = new ArrayList<>();
    for (Instant t = DAY_16.plusSeconds(3600); t.isBefore(NOW); t = t.plusSeconds(60)) {
      for (String region : spec.regions()) {
        obs.add(new StoredObservation("platform-health", region, t, State.OK, null, "probe"));
      }
    }
    store.appendObservations(obs);
    UptimeArchive archive = new UptimeArchive(store, () -> spec, Duration.ofDays(30));

    // 16 and 17 Nov are closed; the 29 days of the look-back before them have no observation.
    assertThat(archive.runOnce(NOW)).isEqualTo(2);
    List<UptimeDay> days = store.uptimeDays("platform-health", NOW.minus(Duration.ofDays(30)),
        NOW);
    assertThat(days).extracting(UptimeDay::start)
        .containsExactly(DAY_16, DAY_16.plus(Duration.ofDays(1)));
    assertThat(archive.runOnce(NOW)).isZero();
    // A monitor that never reported has no day to keep.
    assertThat(store.uptimeDays("order-to-tracking", NOW.minus(Duration.ofDays(30)), NOW))
        .isEmpty();
  }
}
