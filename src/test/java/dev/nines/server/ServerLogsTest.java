package dev.nines.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.testing.FakeClock;
import dev.nines.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server says in its log when the spec file is edited and when it stops. */
class ServerLogsTest {
  @TempDir Path dir;
  NinesServer server;

  private static final String BASE = """
      apiVersion: nines/v1
      services: [{name: web, endpoints: [{path: /a, critical: true}]}]
      slos:
        - {name: a-ok, service: web, endpoint: /a, sli: {kind: availability}, target: 99,
           window: 30d, owner: team}
      """;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private NinesServer start(Path spec) throws Exception {
    return NinesServer.start(new NinesServer.Config(spec, null, dir.resolve("data"),
        "127.0.0.1", 0, 1 << 20, 1000, null), new FakeClock());
  }

  private static List<String> reloads(LogCapture log) {
    return log.lines().stream().filter(l -> l.contains("spec reloaded")).toList();
  }

  @Test
  void oneEditOfTheSpecFileLogsSpecReloadedOnce() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    Files.setLastModifiedTime(spec, FileTime.fromMillis(1_000_000_000_000L));
    server = start(spec);
    try (LogCapture log = LogCapture.infos(NinesServer.class)) {
      // An editor's save: the new text, then the file written (or touched) again unchanged.
      Files.writeString(spec, BASE.replace("target: 99,", "target: 99.5,"));
      Files.setLastModifiedTime(spec, FileTime.fromMillis(1_000_000_100_000L));
      for (int i = 0; i < 100 && reloads(log).isEmpty(); i++) {
        Thread.sleep(100);
      }
      assertThat(reloads(log)).containsExactly("INFO spec reloaded: 1 SLOs, 0 monitors");
      Files.setLastModifiedTime(spec, FileTime.fromMillis(1_000_000_200_000L));
      Thread.sleep(2_500);                     // two ticks of the once-a-second reload check
      assertThat(reloads(log)).hasSize(1);
      assertThat(server.spec().slos().get(0).target().percent()).isEqualByComparingTo("99.5");
    }
  }

  @Test
  void aStopLogsOneLineSayingWhatWasWritten() throws Exception {
    Path spec = dir.resolve("spec.yaml");
    Files.writeString(spec, BASE);
    server = start(spec);
    try (LogCapture log = LogCapture.infos(NinesServer.class)) {
      server.close();
      server.close();
      assertThat(log.lines()).filteredOn(l -> l.contains("stopped")).containsExactly(
          "INFO stopped: wrote 0 of the 0 events queued at stop (0 batches), stored the last "
              + "probe results and closed the store");
    }
  }
}
