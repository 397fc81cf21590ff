package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.live.LiveSlos;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerViewTest {
  @Test
  void aLayerWithoutAnSliOrWithoutTrafficHasNoDataAndTheOneAboveAnOutageIsTheOrigin(
      @TempDir Path dir) throws Exception {
    Spec spec = SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        services:
          - name: web
            layers: [{name: cdn}, {name: ingress}, {name: api}, {name: db}]
        slos:
          - {name: cdn-ok, service: web, sli: {kind: availability}, target: 99, window: 30d,
             owner: sre, labels: {layer: cdn}}
          - {name: ingress-ok, service: web, sli: {kind: availability}, target: 99,
             window: 30d, owner: sre, labels: {layer: ingress}}
          - {name: api-ok, service: web, sli: {kind: availability}, target: 99, window: 30d,
             owner: sre, labels: {layer: api}}
        """).spec();
    long minute = FakeClock.NOW.getEpochSecond() / 60 - 5;
    try (Store store = Stores.open(null, dir, null, null)) {
      // The app is down: the ingress answers 502s, the CDN passes them on, the app says nothing.
      List<BucketDelta> d = List.of(new BucketDelta("cdn-ok", minute, 80, 100),
          new BucketDelta("ingress-ok", minute, 80, 100));
      store.commitIngest(List.of(new IngestBatch(null, d, List.of(), 2)));
      LayerView v = LayerView.of(spec, spec.services().get(0),
          new LiveSlos(spec, store, FakeClock.NOW));

      assertThat(v.layers()).extracting(l -> l.spec().name() + " " + l.noData())
          .containsExactly("cdn false", "ingress false", "api true", "db true");
      assertThat(v.origin()).isEqualTo("ingress");
    }
  }
}
