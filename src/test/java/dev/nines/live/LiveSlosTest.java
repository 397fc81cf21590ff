package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.testing.FakeClock;
import dev.nines.uptime.UptimeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Live SLO windows: what rebuilt windows take over from the ones they replace. */
class LiveSlosTest {
  private static Spec spec() throws Exception {
    Path file = Path.of("src/test/resources/spec/after-the-fact.yaml");
    return SpecReader.read(file.toString(), Files.readString(file)).spec();
  }

  @Test
  void rebuiltWindowsCarryEveryTotalSinceStartUnknownAndUncertainTimeToo() throws Exception {
    Spec spec = spec();
    LiveSlos old = new LiveSlos(spec, FakeClock.NOW);
    long minute = FakeClock.NOW.getEpochSecond() / 60 - 1;
    old.apply(List.of(new IngestBatch(null, UptimeBuckets.deltas("feed-uptime", minute,
        new UptimeSnapshot(40_000, 5_000, 15_000, 30_000, 10_000)), List.of(), 3),
        new IngestBatch(null, List.of(new BucketDelta("orders-success", minute, 9, 10)),
            List.of(), 10)));
    LiveSlos next = new LiveSlos(spec, FakeClock.NOW);
    next.carryTotalsFrom(old);
    assertThat(next.uptimeSinceStart("feed-uptime")).as("/metrics counters go on, unknown too")
        .isEqualTo(new UptimeSnapshot(40_000, 5_000, 15_000, 30_000, 10_000));
    assertThat(next.totalsSinceStart("orders-success")).containsExactly(9, 10);
    assertThat(next.view("feed-uptime").status().window().valid())
        .as("the windows themselves come from the store, not from the old windows").isZero();
  }
}
