package dev.nines.demo.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The courier partner behind the app's courier gateway: assigns parcels (30 to 120 ms, failing
 * for {@link Conditions#courierErrorRatio()} of the calls) and sends their status scans
 * (picked up, in transit, out for delivery, delivered) to the app's webhook
 * {@code POST /courier/updates}, like a partner's push API. Each scan carries the time the
 * courier scanned it; the partner reports scans 1 to 40 s after they happen, and 6 to 9
 * minutes after while {@link Conditions#trackingLagging()}. Updates the app did not take
 * (it is down) are sent again on the next round, so they arrive later still.
 */
public final class CourierGateway implements AutoCloseable {
  /** Parcels followed at most; assignments beyond it get no scans. */
  static final int MAX_PARCELS = 5_000;
  static final List<String> STAGES = List.of("picked-up", "in-transit", "out-for-delivery",
      "delivered");

  private final Conditions conditions;
  private final Clock clock;
  private final HttpClient http;
  private final AtomicLong trackingIds = new AtomicLong(500_000);
  private final Map<String, Parcel> parcels = new ConcurrentHashMap<>();
  private final List<Map<String, Object>> unsent = new ArrayList<>();
  private final ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("demo-courier-feed").daemon(true).factory());
  private volatile URI webhook;

  /** A failed call to the courier partner. */
  public static final class CourierException extends Exception {
    private static final long serialVersionUID = 1L;

    CourierException(String message) {
      super(message);
    }
  }

  private static final class Parcel {
    int stage = -1;
    Instant nextScan;

    Parcel(Instant nextScan) {
      this.nextScan = nextScan;
    }
  }

  public CourierGateway(Conditions conditions, Clock clock, HttpClient http) {
    this.conditions = conditions;
    this.clock = clock;
    this.http = http;
  }

  /** Starts sending scans to {@code appWebhook} twice a second. */
  public void start(URI appWebhook) {
    this.webhook = appWebhook;
    feed.scheduleWithFixedDelay(this::round, 500, 500, TimeUnit.MILLISECONDS);
  }

  /**
   * Assigns a parcel to a courier.
   *
   * @return the tracking id
   * @throws CourierException when the partner fails the call
   */
  public String assign(String orderId, String courier) throws CourierException {
    Latency.spend(30, 120);
    fail("assign order " + orderId);
    String id = "TRK-" + trackingIds.incrementAndGet();
    if (parcels.size() < MAX_PARCELS) {
      parcels.put(id, new Parcel(clock.instant().plusMillis(Latency.draw(3_000, 12_000))));
    }
    return id;
  }

  /** A health call to the partner, for the deep health check. */
  public void ping() throws CourierException {
    Latency.spend(5, 25);
    fail("ping");
  }

  private void fail(String what) throws CourierException {
    if (ThreadLocalRandom.current().nextDouble() < conditions.courierErrorRatio()) {
      Latency.spend(200, 900);
      throw new CourierException("courier partner: " + what + ": upstream timeout");
    }
  }

  /** One feed round: scans that are due, plus those the app did not take before. */
  void round() {
    Instant now = clock.instant();
    for (Iterator<Map.Entry<String, Parcel>> it = parcels.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Parcel> e = it.next();
      Parcel p = e.getValue();
      if (p.nextScan.isAfter(now)) {
        continue;
      }
      p.stage++;
      long lateMillis = conditions.trackingLagging() ? Latency.draw(360_000, 540_000)
          : Latency.draw(1_000, 40_000);
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("trackingId", e.getKey());
      u.put("status", STAGES.get(p.stage));
      u.put("scannedAt", now.minusMillis(lateMillis).toString());
      unsent.add(u);
      if (p.stage == STAGES.size() - 1) {
        it.remove();
      } else {
        p.nextScan = now.plusMillis(Latency.draw(8_000, 25_000));
      }
    }
    if (!unsent.isEmpty() && webhook != null) {
      send();
    }
  }

  private void send() {
    try {
      HttpRequest r = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Http.JSON.writeValueAsBytes(
              Map.of("updates", unsent)))).build();
      if (http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
        unsent.clear();
      }
    } catch (IOException e) {
      // The app is down: the partner tries again next round, as partners' push APIs do.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (unsent.size() > 50_000) {
      unsent.subList(0, unsent.size() - 50_000).clear();
    }
  }

  /** Parcels the partner is still scanning. */
  public int parcels() {
    return parcels.size();
  }

  @Override public void close() {
    feed.shutdownNow();
  }
}
