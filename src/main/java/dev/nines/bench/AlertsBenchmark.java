package dev.nines.bench;

import dev.nines.live.AlertLoop;
import dev.nines.live.Incidents;
import dev.nines.live.LiveSlos;
import dev.nines.live.MaintenanceBook;
import dev.nines.live.ProbeRecorder;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark of one alert evaluation cycle: a generated spec of N SLOs (with the monitors and
 * regions of {@link SpecBenchmark#generate}), six hours of minute buckets per SLO in the live
 * windows, one SLO in a hundred burning at 20x (pages, tickets, budgets spent, client notices),
 * every monitor silent (a silent-region ticket per region), on SQLite. A cycle is what the
 * server runs every 30 s: the lease, every condition, the lifecycle, one commit. The baseline is
 * the engine's own status of every SLO, which any evaluation needs.
 */
public final class AlertsBenchmark {
  private final int slos;
  private final PrintWriter out;

  public AlertsBenchmark(int slos, PrintWriter out) {
    this.slos = slos;
    this.out = out;
  }

  public void run(int runs) throws Exception {
    Path dir = Files.createTempDirectory("nines-bench-alerts");
    Spec spec = SpecReader.read("bench.yaml", SpecBenchmark.generate(slos)).spec();
    Instant now = Instant.parse("2026-11-18T10:30:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    try (Store store = Stores.open(null, dir, null, null)) {
      LiveSlos live = new LiveSlos(spec, store, now);
      fill(spec, live, now);
      AtomicInteger sent = new AtomicInteger();
      MaintenanceBook maintenance = new MaintenanceBook(spec, store, clock);
      Incidents incidents = new Incidents(store, () -> spec, n -> sent.incrementAndGet(), clock,
          () -> "http://bench.test");
      AlertLoop loop = new AlertLoop(store, () -> spec, () -> live, new ProbeRecorder(spec,
          store, null, clock), maintenance, n -> sent.incrementAndGet(), incidents, clock,
          () -> "http://bench.test", "bench");
      long t0 = System.nanoTime();
      AlertLoop.Cycle first = loop.evaluate();
      double firstMillis = (System.nanoTime() - t0) / 1e6;
      int delivered = loop.deliver();
      Timings baseline = Timings.measure("engine status of every SLO", 3, runs,
          () -> live.views());
      Timings cycle = Timings.measure("evaluation cycle", 3, runs, loop::evaluate);
      out.printf("%,d SLOs, %,d monitors, %d regions; %,d conditions hold%n", slos,
          spec.monitors().size(), spec.regions().size(), first.conditions());
      out.printf("first cycle (%,d transitions committed): %.1f ms; handing them on: %,d "
          + "notifications%n", first.transitions(), firstMillis, delivered);
      out.println(baseline);
      out.println(cycle + String.format(" (%.2fx the baseline)", cycle.median()
          / baseline.median()));
      out.flush();
    }
  }

  /** Six hours of 1,000 events a minute; one SLO in a hundred fails 2 % of them (20x). */
  private void fill(Spec spec, LiveSlos live, Instant now) {
    long nowMinute = now.getEpochSecond() / 60;
    List<BucketDelta> deltas = new ArrayList<>();
    for (int i = 0; i < spec.slos().size(); i++) {
      SloSpec s = spec.slos().get(i);
      long bad = i % 100 == 7 ? 20 : 0;
      for (long m = nowMinute - 360; m < nowMinute; m++) {
        deltas.add(new BucketDelta(s.name(), m, 1000 - bad, 1000));
      }
      if (deltas.size() > 100_000) {
        live.apply(List.of(new IngestBatch(null, deltas, List.of(), deltas.size())));
        deltas = new ArrayList<>();
      }
    }
    live.apply(List.of(new IngestBatch(null, deltas, List.of(), deltas.size())));
  }
}
