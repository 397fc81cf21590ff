package dev.nines.ingest;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.RequestEvent;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.slo.EventClassifier;
import dev.nines.slo.LatencyHistogram;
import dev.nines.store.BucketDelta;
import dev.nines.store.HistogramDelta;
import dev.nines.store.IngestBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns request events into bucket deltas: for every SLO whose source is pushed events and
 * whose service (and endpoint, if it names one) matches, one good/valid count in the event's
 * minute; and for every service endpoint, a latency histogram whose bounds include each
 * latency threshold set on it. Events outside the {@link TimeWindow} are rejected, and so
 * are processed times more than {@link #MAX_AGE} after their event.
 *
 * <p>Layers: an event that names its {@code layer} (the hop that saw it: cdn, load balancer,
 * proxy, app) counts only for the SLOs labelled with that layer ({@code labels: {layer: L}}),
 * and goes to a histogram series of its own, so each hop of one request is measured once, at
 * its own layer. An event that names no layer counts for every matching SLO, whatever its layer.
 */
public final class EventRouter {
  /** Events older than this are refused: minute buckets are kept about this long. */
  public static final Duration MAX_AGE = TimeWindow.MAX_AGE;
  /** Events further ahead of the server clock than this are refused. */
  public static final Duration MAX_AHEAD = TimeWindow.MAX_AHEAD;

  /**
   * @param layer the SLO's {@code layer} label, or null
   * @param excludeMaintenance whether the SLO leaves its service's maintenance time out
   */
  private record Target(String slo, dev.nines.model.SliSpec sli, String layer,
      boolean excludeMaintenance) {}

  /** Where events of one service endpoint go: its SLOs (service-wide ones too) and series. */
  private record Route(List<Target> targets, String series, long[] bounds) {}

  private record BucketKey(String slo, long minute) {}

  private record HistogramKey(String series, long minute, long bound) {}

  private static final long[] DEFAULT_BOUNDS = LatencyHistogram.boundsIncluding(List.of());

  private final Map<String, List<Target>> byService = new HashMap<>();
  /** The layers each service declares. */
  private final Map<String, Set<String>> layers = new HashMap<>();
  /** Service, then endpoint: every endpoint the spec names, resolved once. */
  private final Map<String, Map<String, Route>> routes = new HashMap<>();
  /** The maintenance windows in force: events inside one are left out of excluding SLOs. */
  private final Supplier<MaintenanceCalendar> maintenance;
  private final boolean anyExcludes;

  /** A router that counts every event, maintenance or not. */
  public EventRouter(Spec spec) {
    this(spec, MaintenanceCalendar::empty);
  }

  /**
   * A router for {@code spec}: an SLO with {@code maintenance: exclude} leaves out the events
   * its service saw during a window of {@code maintenance} (the other SLOs count them: the
   * requests were real).
   */
  public EventRouter(Spec spec, Supplier<MaintenanceCalendar> maintenance) {
    this.maintenance = maintenance;
    this.anyExcludes = spec.slos().stream().anyMatch(SloSpec::excludeMaintenance);
    Map<String, List<Target>> byEndpoint = new HashMap<>();
    Map<String, List<Duration>> thresholds = new HashMap<>();
    for (SloSpec slo : spec.slos()) {
      if (!(slo.sli().source() instanceof SliSource.Events)
          || !EventClassifier.measuresEvents(slo.sli().kind())) {
        continue;
      }
      Target t = new Target(slo.name(), slo.sli(), slo.labels().get("layer"),
          slo.excludeMaintenance());
      if (slo.endpoint() == null) {
        byService.computeIfAbsent(slo.service(), k -> new ArrayList<>()).add(t);
      } else {
        byEndpoint.computeIfAbsent(key(slo.service(), slo.endpoint()), k -> new ArrayList<>())
            .add(t);
      }
      if (slo.sli().kind() == SliKind.LATENCY && slo.endpoint() != null) {
        thresholds.computeIfAbsent(key(slo.service(), slo.endpoint()), k -> new ArrayList<>())
            .add(slo.sli().threshold());
      }
    }
    spec.services().forEach(s -> routes.put(s.name(), routes(spec, s, byEndpoint, thresholds)));
    spec.services().forEach(s -> {
      Set<String> names = new HashSet<>();
      s.layers().forEach(l -> names.add(l.name()));
      layers.put(s.name(), Set.copyOf(names));
    });
  }

  /** Routes of every endpoint of a service that the service or an SLO names. */
  private Map<String, Route> routes(Spec spec, ServiceSpec service,
      Map<String, List<Target>> byEndpoint, Map<String, List<Duration>> thresholds) {
    Set<String> paths = new HashSet<>();
    service.endpoints().forEach(e -> paths.add(e.path()));
    spec.slos().stream().filter(s -> service.name().equals(s.service()) && s.endpoint() != null)
        .forEach(s -> paths.add(s.endpoint()));
    Map<String, Route> endpoints = new HashMap<>();
    for (String path : paths) {
      List<Duration> t = thresholds.get(key(service.name(), path));
      endpoints.put(path, route(service.name(),
          byEndpoint.getOrDefault(key(service.name(), path), List.of()),
          series(service.name(), path),
          t == null ? DEFAULT_BOUNDS : LatencyHistogram.boundsIncluding(t)));
    }
    return endpoints;
  }

  private Route route(String service, List<Target> endpointTargets, String series,
      long[] bounds) {
    List<Target> targets = new ArrayList<>(byService.getOrDefault(service, List.of()));
    targets.addAll(endpointTargets);
    return new Route(List.copyOf(targets), series, bounds);
  }

  /** The latency histogram bounds of an endpoint: defaults plus its latency thresholds. */
  public long[] boundsOf(String service, String endpoint) {
    Route r = routes.getOrDefault(service, Map.of()).get(endpoint);
    return (r != null ? r.bounds() : DEFAULT_BOUNDS).clone();
  }

  /** The histogram series name of a service endpoint, as stored and shown. */
  public static String series(String service, String endpoint) {
    return service + " " + endpoint;
  }

  /** The histogram series of a service endpoint as one layer saw it (null: no layer). */
  public static String series(String service, String endpoint, String layer) {
    return layer == null ? series(service, endpoint) : series(service, endpoint) + " @" + layer;
  }

  private static String key(String service, String endpoint) {
    return service + "\u0000" + endpoint;
  }

  /** Reduces events to one batch; events that cannot be counted become item errors. */
  public Routed route(ParsedEvents parsed, String idempotencyKey, Instant now) {
    List<RequestEvent> events = parsed.events();
    Map<BucketKey, long[]> buckets = new HashMap<>();
    Map<HistogramKey, long[]> histograms = new HashMap<>();
    List<ItemError> errors = new ArrayList<>();
    Instant oldest = TimeWindow.oldest(now);
    Instant newest = TimeWindow.newest(now);
    List<RequestEvent> counted = new ArrayList<>(events.size());
    Windows windows = anyExcludes ? new Windows(maintenance.get(), events) : null;
    for (int i = 0; i < events.size(); i++) {
      RequestEvent e = events.get(i);
      Map<String, Route> endpoints = routes.get(e.service());
      if (endpoints == null) {
        errors.add(new ItemError(parsed.positions().get(i), ".service: unknown service '"
            + e.service() + "'. Expected one declared in the spec"));
        continue;
      }
      if (e.time().isBefore(oldest) || e.time().isAfter(newest)) {
        errors.add(new ItemError(parsed.positions().get(i), ".time: "
            + TimeWindow.outside(e.time())));
        continue;
      }
      if (e.processedTime() != null && e.processedTime().isAfter(e.time().plus(MAX_AGE))) {
        errors.add(new ItemError(parsed.positions().get(i), ".processedTime: "
            + e.processedTime() + " is more than " + MAX_AGE.toDays() + " days after time "
            + e.time() + ". Expected the update processed within " + MAX_AGE.toDays()
            + " days of the event"));
        continue;
      }
      if (e.layer() != null && !layers.get(e.service()).contains(e.layer())) {
        errors.add(new ItemError(parsed.positions().get(i), ".layer: '" + e.layer() + "' is not "
            + "a layer of service '" + e.service() + "'. Expected one of "
            + new java.util.TreeSet<>(layers.get(e.service()))));
        continue;
      }
      counted.add(e);
      Route r = endpoints.get(e.endpoint());
      if (r == null) {               // an endpoint the spec does not name: service SLOs only
        r = route(e.service(), List.of(), series(e.service(), e.endpoint()), DEFAULT_BOUNDS);
      }
      long minute = Math.floorDiv(e.time().toEpochMilli(), 60_000L);
      count(r.targets(), e, minute, buckets, windows);
      histogram(r, e, minute, histograms);
    }
    List<BucketDelta> deltas = new ArrayList<>(buckets.size());
    buckets.forEach((k, v) -> deltas.add(new BucketDelta(k.slo(), k.minute(), v[0], v[1])));
    List<HistogramDelta> hist = new ArrayList<>(histograms.size());
    histograms.forEach((k, v) -> hist.add(new HistogramDelta(k.series(), k.minute(), k.bound(),
        v[0])));
    return new Routed(new IngestBatch(idempotencyKey, deltas, hist, counted.size()), errors,
        counted);
  }

  private static void count(List<Target> targets, RequestEvent e, long minute,
      Map<BucketKey, long[]> into, Windows windows) {
    for (Target t : targets) {
      if (e.layer() != null && !e.layer().equals(t.layer())) {
        continue;
      }
      if (t.excludeMaintenance() && windows != null && windows.covers(e.service(), e.time())) {
        continue;
      }
      int c = EventClassifier.classify(t.sli(), e);
      if (c != EventClassifier.INVALID) {
        long[] sums = into.computeIfAbsent(new BucketKey(t.slo(), minute), k -> new long[2]);
        sums[0] += c == EventClassifier.GOOD ? 1 : 0;
        sums[1] += 1;
      }
    }
  }

  /**
   * The maintenance windows over one batch's time span, expanded once per service on first
   * need: recurring windows are not expanded again for every event.
   */
  private static final class Windows {
    private final MaintenanceCalendar calendar;
    private final Instant from;
    private final Instant to;
    private final Map<String, List<MaintenanceWindow>> byService = new HashMap<>();

    Windows(MaintenanceCalendar calendar, List<RequestEvent> events) {
      this.calendar = calendar;
      Instant min = Instant.MAX;
      Instant max = Instant.MIN;
      for (RequestEvent e : events) {
        min = e.time().isBefore(min) ? e.time() : min;
        max = e.time().isAfter(max) ? e.time() : max;
      }
      this.from = min;
      this.to = events.isEmpty() ? min : max.plusMillis(1);
    }

    boolean covers(String service, Instant t) {
      for (MaintenanceWindow w : byService.computeIfAbsent(service,
          s -> calendar.between(s, from, to))) {
        if (w.covers(t)) {
          return true;
        }
      }
      return false;
    }
  }

  private static void histogram(Route r, RequestEvent e, long minute,
      Map<HistogramKey, long[]> into) {
    if (e.failed()) {
      return;
    }
    int slot = LatencyHistogram.bucketIndex(r.bounds(), e.durationMillis());
    long bound = slot < r.bounds().length ? r.bounds()[slot] : -1;
    String series = e.layer() == null ? r.series() : r.series() + " @" + e.layer();
    into.computeIfAbsent(new HistogramKey(series, minute, bound), k -> new long[1])[0]++;
  }

  /**
   * A batch ready to commit, the items that could not be counted, and the events that were.
   */
  public record Routed(IngestBatch batch, List<ItemError> errors, List<RequestEvent> counted) {
    public Routed {
      errors = List.copyOf(errors);
      counted = List.copyOf(counted);
    }
  }

  /** The label {@code /metrics} gives a service endpoint: its path if the spec names it, else {@link #OTHER}. */
  public String endpointLabel(String service, String endpoint) {
    return routes.getOrDefault(service, Map.of()).containsKey(endpoint) ? endpoint : OTHER;
  }

  /** The one label of every endpoint the spec does not name. */
  public static final String OTHER = "other";
}
