package dev.nines.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * Sellers using the platform through the CDN: they open the dashboard, sign in, fetch orders,
 * assign couriers to fetched orders and track assigned deliveries, at the rate of
 * {@link TrafficShape} (by {@link Arrivals}). Each request runs on its own virtual thread, so
 * a slow shop slows the requests, not the traffic; at most {@link #MAX_IN_FLIGHT} are in flight.
 */
final class SellerTraffic implements AutoCloseable {
  static final int MAX_IN_FLIGHT = 64;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The share of each action, in order; assign and track fall back to fetch without ids. */
  static final List<Map.Entry<String, Double>> MIX = List.of(
      Map.entry("dashboard", 0.10), Map.entry("login", 0.05), Map.entry("fetch-orders", 0.30),
      Map.entry("assign-courier", 0.25), Map.entry("track-delivery", 0.20),
      Map.entry("faq", 0.05), Map.entry("get-banner", 0.05));

  private final URI cdn;
  private final Arrivals arrivals;
  private final Clock clock;
  private final RandomGenerator random;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final Deque<String> orders = new ArrayDeque<>();
  private final Deque<String> deliveries = new ArrayDeque<>();
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Thread loop;
  private volatile boolean closed;

  SellerTraffic(URI cdn, TrafficShape shape, DemoTime time, Clock clock, RandomGenerator random) {
    this.cdn = cdn;
    this.clock = clock;
    this.random = random;
    this.arrivals = new Arrivals(shape, time, random);
    this.loop = Thread.ofPlatform().name("demo-sellers").daemon(true).unstarted(this::run);
  }

  void start() {
    loop.start();
  }

  private void run() {
    Instant next = arrivals.next(clock.instant());
    while (!closed) {
      try {
        long waitMillis = Duration.between(clock.instant(), next).toMillis();
        if (waitMillis > 0) {
          Thread.sleep(waitMillis);
        }
      } catch (InterruptedException e) {
        return;
      }
      String action = pick();
      if (inFlight.tryAcquire()) {
        Thread.ofVirtual().name("demo-seller").start(() -> {
          try {
            act(action);
          } finally {
            inFlight.release();
          }
        });
      } else {
        count("skipped (too many in flight)");
      }
      next = arrivals.next(next);
    }
  }

  private synchronized String pick() {
    double u = random.nextDouble();
    for (Map.Entry<String, Double> e : MIX) {
      u -= e.getValue();
      if (u < 0) {
        return e.getKey();
      }
    }
    return MIX.get(MIX.size() - 1).getKey();
  }

  private void act(String action) {
    String outcome;
    try {
      outcome = switch (action) {
        case "assign-courier" -> assign();
        case "track-delivery" -> track();
        case "login" -> send("login", post("/login", "{\"seller\": \"seller-"
            + (1 + ThreadLocalRandom.current().nextInt(40)) + "\", \"password\": \"demo-seller\"}"));
        case "fetch-orders" -> fetch();
        default -> send(action, HttpRequest.newBuilder(cdn.resolve("/" + action)).GET());
      };
    } catch (IOException e) {
      outcome = action + " failed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    count(outcome);
  }

  private String fetch() throws IOException, InterruptedException {
    HttpResponse<String> r = exchange(HttpRequest.newBuilder(cdn.resolve(
        "/fetch-orders?limit=5")).GET());
    if (r.statusCode() == 200) {
      for (JsonNode o : JSON.readTree(r.body()).path("orders")) {
        remember(orders, o.path("id").asText(), 200);
      }
    }
    return "fetch-orders " + r.statusCode() / 100 + "xx";
  }

  private String assign() throws IOException, InterruptedException {
    String order = take(orders);
    if (order == null) {
      return fetch();
    }
    HttpResponse<String> r = exchange(post("/assign-courier", "{\"orderId\": \"" + order
        + "\", \"courier\": \"" + (ThreadLocalRandom.current().nextBoolean() ? "dhl" : "ups") + "\"}"));
    if (r.statusCode() == 200) {
      remember(deliveries, JSON.readTree(r.body()).path("trackingId").asText(), 500);
    }
    return "assign-courier " + r.statusCode() / 100 + "xx";
  }

  private String track() throws IOException, InterruptedException {
    String id = any(deliveries);
    if (id == null) {
      return fetch();
    }
    return send("track-delivery", HttpRequest.newBuilder(cdn.resolve("/track-delivery/" + id))
        .GET());
  }

  private HttpRequest.Builder post(String path, String json) {
    return HttpRequest.newBuilder(cdn.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private String send(String action, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return action + " " + exchange(request).statusCode() / 100 + "xx";
  }

  private HttpResponse<String> exchange(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private synchronized void remember(Deque<String> ids, String id, int max) {
    if (!id.isEmpty()) {
      ids.addFirst(id);
      while (ids.size() > max) {
        ids.removeLast();
      }
    }
  }

  private synchronized String take(Deque<String> ids) {
    return ids.pollFirst();
  }

  private synchronized String any(Deque<String> ids) {
    if (ids.isEmpty()) {
      return null;
    }
    int skip = random.nextInt(ids.size());
    return ids.stream().skip(skip).findFirst().orElse(null);
  }

  private void count(String outcome) {
    counts.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  /** Requests sent so far by outcome, e.g. {@code assign-courier 2xx: 118}. */
  Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put(e.getKey(), e.getValue().sum()));
    return out;
  }

  @Override public void close() {
    closed = true;
    loop.interrupt();
    try {
      loop.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.shutdownNow();
  }
}
