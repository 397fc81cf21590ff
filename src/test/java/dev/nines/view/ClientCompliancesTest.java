package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.live.LiveSlos;
import dev.nines.model.Spec;
import dev.nines.slo.Counts;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCompliancesTest {
  @Test
  void aTimeSliceSloCountsSlicesOnThePortalAsItsEngineDoes(@TempDir Path dir) throws Exception {
    Spec spec = SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        timeZone: UTC
        clients: [{name: acme}]
        services: [{name: web, client: acme}]
        slos:
          - name: orders
            service: web
            sli: {kind: availability}
            target: 99
            window: month
            owner: client
            audience: client
            budgeting: {method: timeslices, timeSliceTarget: 95%, timeSliceWindow: 5m}
        """).spec();
    long slice = FakeClock.NOW.getEpochSecond() / 60 / 5 * 5 - 60;   // an hour ago, aligned
    List<BucketDelta> d = new ArrayList<>();
    for (int m = 0; m < 5; m++) {
      d.add(new BucketDelta("orders", slice + m, 20, 20));           // slice 1: all good
      d.add(new BucketDelta("orders", slice + 5 + m, 16, 20));       // slice 2: 80 %, bad
    }                                                                 // slice 3: no traffic
    d.add(new BucketDelta("orders", slice + 15, 96, 100));           // slice 4: 96 %, good
    try (Store store = Stores.open(null, dir, null, null)) {
      store.commitIngest(List.of(new IngestBatch(null, d, List.of(), d.size())));
      LiveSlos live = new LiveSlos(spec, store, FakeClock.NOW);

      ClientCompliance c = new ClientCompliances(() -> spec, () -> live, store)
          .of("acme", FakeClock.NOW);

      assertThat(c.slos().get(0).month()).isEqualTo(new Counts(2, 3));
      assertThat(live.view("orders").status().window()).isEqualTo(new Counts(2, 3));
      assertThat(c.slos().get(0).monthMet()).isFalse();
    }
  }
}
