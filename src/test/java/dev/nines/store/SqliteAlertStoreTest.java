package dev.nines.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.incident.Incident;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAlertStoreTest extends AlertStoreContract {
  @TempDir Path dir;

  @Override Store open() {
    return Stores.open(null, dir, null, null);
  }

  @Test
  void writersRacingOnOneFileAllCommitWithoutAnUnavailableStore() throws Exception {
    long id = store.createIncident("platform", null, "race", T, "sam", List.of(),
        new Incident.Event(T, Incident.Kind.OPENED, "sam", null, null));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> jobs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        jobs.add(pool.submit(() -> {
          for (int i = 0; i < 50; i++) {
            if (thread % 2 == 0) {
              store.addIncidentEvent(id, new Incident.Event(T.plusSeconds(i),
                  Incident.Kind.UPDATE, "t" + thread, "u" + i, null), List.of("s" + i % 3));
            } else {
              store.commitAlerts(List.of(alert("a" + thread + "-" + i, "firing")), List.of(),
                  List.of(event("a" + thread, "firing", T.plusSeconds(i), "platform")));
              store.acquireLease("alerting", "t" + thread, T.plusSeconds(i),
                  java.time.Duration.ofSeconds(1));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.incident(id).orElseThrow().timeline()).hasSize(1 + 2 * 50);
    assertThat(store.alertHistory(AlertQuery.all(), 0, 1).total()).isEqualTo(2 * 50);
  }
}
