package dev.nines.demo;

import dev.nines.ingest.EventRouter;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.runs.UptimeArchive;
import dev.nines.store.BucketDelta;
import dev.nines.store.HistogramDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's generated past: the {@value #DAYS} days before the start, written into the store
 * before the live run, deterministic for a start instant. Event SLOs get minute buckets that
 * follow the sellers' day ({@link TrafficShape#DEFAULT}) with a small base error rate, monitors
 * get observations per region (see {@link HistoryProbes}) and their closed days in the uptime
 * archive ({@link UptimeArchive}), and the episodes of
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

  /**
   * How an event SLO's bad events arise: its share of the traffic and its base error rate; for
   * a latency SLO the histogram series and bounds its requests' durations go to, else null.
   */
  private record EventSli(SloSpec slo, double share, double baseBadRatio, String series,
      long[] bounds) {}

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
    Random durations = new Random(SEED + 1);
    List<EventSli> events = eventSlis(spec);
    episodes.writeMaintenance(store);
    HistoryProbes probes = new HistoryProbes(spec, store, episodes, context.speed(),
        context.now(), random);
    for (int day = 0; day < DAYS; day++) {
      long from = startMinute + day * 1440L;
      long to = from + 1440;
      List<BucketDelta> deltas = new ArrayList<>();
      Map<List<Object>, long[]> histograms = new LinkedHashMap<>();
      for (long m = from; m < to; m++) {
        eventBuckets(events, episodes, m, random, deltas);
      }
      latencies(events, deltas, durations, histograms);
      deltas.addAll(probes.writeDay(store, from, to));
      List<HistogramDelta> hist = new ArrayList<>(histograms.size());
      histograms.forEach((k, v) -> hist.add(new HistogramDelta((String) k.get(0),
          (Long) k.get(1), (Long) k.get(2), v[0])));
      store.commitIngest(List.of(new IngestBatch(null, deltas, hist, deltas.size())), 0,
          context.now());
      bar(day + 1);
    }
    episodes.write(store);
    // What the server's hourly archive would have kept of those days, the first (begun in the
    // history) too: it prunes the raw observations after 30 days, and last month's report and
    // the status page's bars read the days before that from here, the same figures as at start.
    // Read at the history's intervals: the spec's are shorter under --speed.
    Spec reading = probes.reading();
    new UptimeArchive(store, () -> reading, Duration.ofDays(DAYS + 1)).runOnce(context.now());
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
    EventRouter router = new EventRouter(spec);
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
      String series = null;
      long[] bounds = null;
      if (s.sli().kind() == SliKind.LATENCY && s.endpoint() != null) {
        series = EventRouter.series(s.service(), s.endpoint(), s.labels().get("layer"));
        bounds = router.boundsOf(s.service(), s.endpoint());
      }
      out.add(new EventSli(s, share, base, series, bounds));
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

  /**
   * The durations of a latency SLO's requests in its histogram, as the router counts them:
   * good ones log-normal around 180 ms below the threshold, slow ones 2.4 to 3.6 s (the slow
   * shop's).
   */
  private static void latencies(List<EventSli> slis, List<BucketDelta> deltas, Random random,
      Map<List<Object>, long[]> into) {
    for (EventSli e : slis) {
      if (e.series() == null) {
        continue;
      }
      long threshold = e.slo().sli().threshold().toMillis();
      for (BucketDelta d : deltas) {
        if (!d.sli().equals(e.slo().name())) {
          continue;
        }
        for (long i = 0; i < d.valid(); i++) {
          long millis = i < d.good()
              ? Math.min(threshold, Math.round(Math.exp(Math.log(180) + 0.5
                  * random.nextGaussian())))
              : 2_400 + random.nextInt(1_200);
          int at = Arrays.binarySearch(e.bounds(), millis);
          int slot = at >= 0 ? at : -at - 1;
          long bound = slot < e.bounds().length ? e.bounds()[slot] : -1;
          into.computeIfAbsent(List.of(e.series(), d.minute(), bound), k -> new long[1])[0]++;
        }
      }
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
