package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.incident.Incident;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentImpactTest {
  @TempDir Path dir;

  @Test
  void anIncidentCostsTheBadEventsOfItsSpanAsAShareOfTheWindowsBudget() throws Exception {
    Spec spec = SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        services: [{name: platform, endpoints: [{path: /a}]}, {name: other}]
        slos:
          - {name: a, service: platform, endpoint: /a, sli: {kind: availability}, target: 99,
             window: 30d, owner: team}
          - {name: b, service: other, sli: {kind: availability}, target: 99, window: 30d,
             owner: team}
        """).spec();
    Instant opened = Instant.parse("2026-11-18T10:00:00Z");
    long m0 = opened.getEpochSecond() / 60;
    try (Store store = Stores.open(null, dir, null, null)) {
      List<BucketDelta> d = new ArrayList<>();
      for (long m = m0 - 600; m < m0 + 120; m++) {     // 12 h of 100 events a minute
        boolean during = m >= m0 && m < m0 + 30;         // 10 bad a minute for 30 minutes
        d.add(new BucketDelta("a", m, during ? 90 : 100, 100));
        d.add(new BucketDelta("b", m, 0, 100));
      }
      store.commitIngest(List.of(new IngestBatch(null, d, List.of(), d.size())));
      Incident i = new Incident(1, "platform", null, "assign failing", opened,
          opened.plusSeconds(1800), "bad deploy", "alert", List.of(), List.of());
      IncidentImpact impact = IncidentImpact.of(i, spec, store, opened.plusSeconds(7200));
      assertThat(impact.slos()).singleElement().satisfies(s -> {
        assertThat(s.slo().name()).isEqualTo("a");
        assertThat(s.bad()).isEqualTo(300);
        assertThat(s.valid()).isEqualTo(3000);
        // The 30 days ending at 10:30 hold 630 minutes of 100 events: 1 % of 63,000 allowed.
        assertThat(s.budgetShare()).isEqualTo(300 / 630.0);
        assertThat(s.time()).isFalse();
      });
    }
  }
}
