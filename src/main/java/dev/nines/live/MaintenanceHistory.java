package dev.nines.live;

import dev.nines.ingest.IngestWriter;
import dev.nines.maintenance.AppliedHistory;
import dev.nines.maintenance.AppliedHistory.How;
import dev.nines.maintenance.AppliedHistory.SloEffect;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.store.BucketReplacement;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintenance windows added or deleted after their start, applied to the stored history of
 * their service's SLOs over the part already past. Uptime SLOs get those minutes recomputed
 * from the stored observations with the new calendar, by {@link MonitorUptimes} (the one
 * uptime computation), and replaced in the store; event SLOs that exclude maintenance lose the
 * buckets of the minutes wholly inside an added window (their events are not kept, so a deleted
 * window cannot bring them back); then the live windows are rebuilt from the store beside the
 * ones in force and swapped in, so every screen changes at once.
 *
 * <p>Counters since start ({@code /metrics} totals) are left alone: they count what was
 * committed and never go down; the SLI, budget and burn rates follow the rewritten history.
 */
public final class MaintenanceHistory {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceHistory.class);
  /** How long the writer may take to commit what was queued before the rewrite. */
  static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(30);

  /** Rebuilds the live windows from the store and swaps them in (the reload path). */
  @FunctionalInterface
  public interface Rebuild {
    void run() throws InterruptedException;
  }

  /** A window that was added or deleted. */
  public record Changed(MaintenanceWindow window, AppliedHistory.Change change) {}

  private final Store store;
  private final IngestWriter writer;
  private final ProbeRecorder probes;
  private final Clock clock;
  private final Duration rawRetention;
  private final Rebuild rebuild;

  /**
   * @param rawRetention how long observations are kept: older minutes cannot be recomputed
   * @param rebuild rebuilds the live windows once the store holds the new history
   */
  public MaintenanceHistory(Store store, IngestWriter writer, ProbeRecorder probes, Clock clock,
      Duration rawRetention, Rebuild rebuild) {
    this.store = store;
    this.writer = writer;
    this.probes = probes;
    this.clock = clock;
    this.rawRetention = rawRetention;
    this.rebuild = rebuild;
  }

  /**
   * Applies {@code changes}, with {@code calendar} (the one in force after them, published
   * already), to the stored history: one store transaction, one rebuild of the live windows.
   * A window that has not started yet changes nothing and gets no record.
   *
   * @return what was done for each window that had started, in order
   * @throws dev.nines.store.StoreUnavailableException when the store cannot take it (nothing
   *     was rewritten then)
   */
  public synchronized List<AppliedHistory> apply(Spec spec, MaintenanceCalendar calendar,
      List<Changed> changes) throws InterruptedException {
    Instant now = clock.instant();
    List<Changed> past = changes.stream().filter(c -> c.window().start().isBefore(now)).toList();
    if (past.isEmpty()) {
      return List.of();
    }
    HistoryRewrite rewrite = new HistoryRewrite(spec, store, calendar, now,
        now.minus(rawRetention).plus(Duration.ofDays(1)));
    List<List<HistoryRewrite.Draft>> effects = probes.withoutFlushing(positions -> {
      committedSoFar();
      List<List<HistoryRewrite.Draft>> out = new ArrayList<>();
      for (Changed c : past) {
        out.add(rewrite.plan(c.window(), c.change(), positions));
      }
      for (HistoryRewrite.Range r : rewrite.uptimeRanges()) {
        probes.dropWaiting(Set.copyOf(r.keys()), r.fromMinute(), r.toMinute());
      }
      runBetweenCommits(() -> rewrite.commit());
      return out;
    });
    List<AppliedHistory> applied = new ArrayList<>();
    for (int i = 0; i < past.size(); i++) {
      MaintenanceWindow w = past.get(i).window();
      applied.add(new AppliedHistory(w.service(), w.start(), w.end(), past.get(i).change(), now,
          w.start(), w.end().isAfter(now) ? now : w.end(), rewrite.finish(effects.get(i))));
    }
    if (rewrite.wroteAnything()) {
      rebuild.run();
    }
    for (AppliedHistory a : applied) {
      try {
        store.saveMaintenanceApplied(a);
      } catch (RuntimeException e) {
        // The history is rewritten; only the console's note of it is missing.
        LOG.warn("cannot record that maintenance of {} from {} was applied: {}", a.service(),
            a.windowStart(), e.getMessage());
      }
      LOG.info("maintenance of {} from {} to {} {} after its start: applied to the stored "
          + "history from {} to {}: {}", a.service(), a.windowStart(), a.windowEnd(),
          a.change() == AppliedHistory.Change.ADDED ? "added" : "deleted", a.from(), a.to(),
          summary(a));
    }
    return applied;
  }

  /** {@code slo how N minutes (M changed)}, for the log line. */
  static String summary(AppliedHistory a) {
    if (a.slos().isEmpty()) {
      return "no SLO";
    }
    List<String> parts = new ArrayList<>();
    for (SloEffect e : a.slos()) {
      parts.add(e.slo() + " " + e.how().id() + (e.how() == How.UNCHANGED ? ""
          : " " + e.minutes() + " min (" + e.changedMinutes() + " changed)"));
    }
    return String.join(", ", parts);
  }

  /**
   * Waits until the writer has committed every bucket queued so far (monitor SLI buckets made
   * with the old calendar, events routed before it changed): an empty batch queued now is
   * committed after all of them.
   */
  private void committedSoFar() {
    try {
      writer.write(new IngestBatch(null, List.of(), List.of(), 0))
          .get(BARRIER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IngestWriter.SaturatedException | TimeoutException e) {
      throw new IllegalStateException("the ingest writer did not take the history rewrite: "
          + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the ingest writer", e);
    }
  }

  private void runBetweenCommits(Runnable task) {
    try {
      writer.runBetweenCommits(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rewriting the history", e);
    }
  }

  /** Whether an SLO's stored history depends on the maintenance calendar, and how. */
  static How howOf(SloSpec slo) {
    if (slo.sli().kind() == SliKind.UPTIME && slo.sli().source() instanceof SliSource.Monitors) {
      return How.RECOMPUTED;
    }
    return slo.sli().source() instanceof SliSource.Events && slo.excludeMaintenance()
        ? How.EXCLUDED : How.UNCHANGED;
  }
}
