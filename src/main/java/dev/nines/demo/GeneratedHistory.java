package dev.nines.demo;

import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's generated past: the {@value #DAYS} days before the start, written into the store
 * before the live run, deterministic for a start instant. Event SLOs get minute buckets that
 * follow the sellers' day ({@link TrafficShape#DEFAULT}) with a small base error rate, monitors
 * get observations per region (see {@link HistoryProbes}), and the episodes of
 * {@link HistoryEpisodes} show in both, with their alerts, incidents and maintenance window.
 * Buckets go through {@link Store#commitIngest}, so the hourly rollups are written as by
 * ingestion. A store that already holds SLI buckets in the span (a demo started again on its
 * store) is left as it is.
 */
public final class GeneratedHistory implements DemoHistory {
  /** How many days of history. */
  public static final int DAYS = 35;
  private static final long SEED = 13_2026L;

  private final PrintWriter progress;

  /** @param progress where a progress bar and the time taken go, or null for nowhere */
  public GeneratedHistory(PrintWriter progress) {
    this.progress = progress;
  }

  /** How an event SLO's bad events arise: its share of the traffic and its base error rate. */
  private record EventSli(SloSpec slo, double share, double baseBadRatio) {}

  @Override public void write(Context context) {
    long started = System.nanoTime();
    Store store = context.store();
    Spec spec = context.spec();
    long endMinute = Math.floorDiv(context.now().getEpochSecond(), 60);
    long startMinute = endMinute - DAYS * 24L * 60;
    if (alreadyWritten(store, spec, startMinute, endMinute)) {
      say("history: already in the store, kept as it is");
      return;
    }
    ZoneId zone = spec.timeZone() == null ? TrafficShape.DEFAULT.zone() : spec.timeZone();
    HistoryEpisodes episodes = HistoryEpisodes.before(context.now(), zone);
    Random random = new Random(SEED);
    List<EventSli> events = eventSlis(spec);
    HistoryProbes probes = new HistoryProbes(spec, episodes, context.speed(), random);
    for (int day = 0; day < DAYS; day++) {
      long from = startMinute + day * 1440L;
      long to = from + 1440;
      List<BucketDelta> deltas = new ArrayList<>();
      for (long m = from; m < to; m++) {
        eventBuckets(events, episodes, m, random, deltas);
      }
      deltas.addAll(probes.writeDay(store, from, to));
      store.commitIngest(List.of(new IngestBatch(null, deltas, List.of(), deltas.size())), 0,
          context.now());
      bar(day + 1);
    }
    episodes.write(store);
    double seconds = (System.nanoTime() - started) / 1e9;
    say(String.format("%nhistory: %d days before %s written in %.1f s", DAYS, context.now(),
        seconds));
  }

  private static boolean alreadyWritten(Store store, Spec spec, long startMinute,
      long endMinute) {
    for (SloSpec s : spec.slos()) {
      if (!store.hourBuckets(s.name(), startMinute / 60, endMinute / 60).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The event SLOs of the demo spec with their traffic: the share of the sellers' requests
   * they count ({@link SellerTraffic#MIX}) and a base error rate of a tenth of their budget or
   * less, so budgets stay healthy but not untouched.
   */
  private static List<EventSli> eventSlis(Spec spec) {
    List<EventSli> out = new ArrayList<>();
    for (SloSpec s : spec.slos()) {
      if (!(s.sli().source() instanceof SliSource.Events)) {
        continue;
      }
      double share = s.endpoint() == null ? 1.0 : SellerTraffic.MIX.stream()
          .filter(e -> s.endpoint().equals("/" + e.getKey())).mapToDouble(e -> e.getValue())
          .findFirst().orElse(0.1);
      double budget = s.target().budgetRatio();
      double base = switch (s.name()) {
        case "assign-courier-availability" -> budget * 0.04;
        case "cdn-availability" -> budget * 0.05;
        default -> budget * 0.08;
      };
      out.add(new EventSli(s, share, base));
    }
    return out;
  }

  private static void eventBuckets(List<EventSli> slis, HistoryEpisodes ep, long minute,
      Random random, List<BucketDelta> out) {
    Instant t = Instant.ofEpochSecond(minute * 60 + 30);
    double perMinute = TrafficShape.DEFAULT.ratePerSecond(t) * 60;
    for (EventSli e : slis) {
      long valid = poisson(random, perMinute * e.share());
      if (valid == 0) {
        continue;
      }
      double badRatio = e.baseBadRatio() + episodeBadRatio(e.slo(), ep, t);
      long bad = binomial(random, valid, Math.min(1, badRatio));
      out.add(new BucketDelta(e.slo().name(), minute, valid - bad, valid));
    }
  }

  /** The extra bad ratio an episode gives an SLO at {@code t}. */
  private static double episodeBadRatio(SloSpec slo, HistoryEpisodes ep, Instant t) {
    double courier = ep.courierDown().covers(t) ? 1.0 : ep.courierDegraded().covers(t) ? 0.1 : 0;
    double assignShare = 0.25;
    return switch (slo.name()) {
      case "assign-courier-availability" -> courier;
      case "fetch-orders-latency" -> ep.slowShop().covers(t) ? 0.5 : 0;
      case "load-balancer-errors", "app-errors" -> courier * assignShare;
      default -> 0;
    };
  }

  /** A Poisson count of mean {@code mean}: exact below 30, normal above. */
  static long poisson(Random random, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double p = random.nextDouble();
    long k = 0;
    while (p > limit) {
      p *= random.nextDouble();
      k++;
    }
    return k;
  }

  /** A binomial count of {@code n} trials of probability {@code p}. */
  static long binomial(Random random, long n, double p) {
    if (p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return n;
    }
    double variance = n * p * (1 - p);
    if (variance > 25) {
      return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(variance)
          * random.nextGaussian())));
    }
    if (p < 0.05) {
      return Math.min(n, poisson(random, n * p));
    }
    long k = 0;
    for (long i = 0; i < n; i++) {
      k += random.nextDouble() < p ? 1 : 0;
    }
    return k;
  }

  private void bar(int day) {
    if (progress == null) {
      return;
    }
    int width = 35;
    int done = day * width / DAYS;
    progress.print("\rhistory: [" + "#".repeat(done) + ".".repeat(width - done) + "] " + day
        + "/" + DAYS + " days");
    progress.flush();
  }

  private void say(String line) {
    if (progress != null) {
      progress.println(line);
      progress.flush();
    }
  }
}
