package dev.nines.web.console;

import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.StoredAttempt;
import dev.nines.store.StoredObservation;
import dev.nines.uptime.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ninety days of made-up history for {@code spec/console.yaml}, written straight into a store:
 * hourly SLI buckets with a few bad days, a burst of errors in the last half hour at the api
 * and ingress layers (a page alert), monitor states with a regional incident and a short
 * outage, attempts with phase timings and journey runs with steps.
 */
final class Seed {
  static final Duration OUTAGE_AGO = Duration.ofHours(2);
  static final Duration REGIONAL_AGO = Duration.ofHours(5);

  private Seed() {}

  static void write(Store store, Instant now) {
    long nowMinute = now.getEpochSecond() / 60;
    long nowHour = nowMinute / 60;
    List<BucketDelta> d = new ArrayList<>();
    for (long h = nowHour - 90 * 24; h < nowHour; h++) {
      long day = (nowHour - h) / 24;
      boolean badDay = day == 12 || day == 40 || day == 41;
      long m = h * 60;
      d.add(new BucketDelta("assign-courier-success", m, badDay ? 990 : 1000, 1000));
      d.add(new BucketDelta("fetch-orders-fast", m, 1999, 2000));
      d.add(new BucketDelta("platform-availability", m, badDay && h % 24 == 3 ? 3_480_000
          : 3_600_000, 3_600_000));
      d.add(new BucketDelta("order-to-tracking-journey", m, 12, 12));
      d.add(new BucketDelta("lb-availability", m, 5000, 5000));
      d.add(new BucketDelta("api-internal-errors", m, 4990, 5000));
      d.add(new BucketDelta("globex-ship-success", m, 500, 500));
    }
    for (long m = nowMinute - 30; m < nowMinute; m++) {
      d.add(new BucketDelta("api-internal-errors", m, 120, 200));
      d.add(new BucketDelta("assign-courier-success", m, 57, 60));
      d.add(new BucketDelta("lb-availability", m, 190, 200));
    }
    store.commitIngest(List.of(new IngestBatch(null, d, List.of(), d.size())));
    observations(store, now);
    attempts(store, now);
    journeys(store, now);
  }

  private static void observations(Store store, Instant now) {
    List<StoredObservation> obs = new ArrayList<>();
    Instant start = now.minus(Duration.ofHours(24));
    Instant outage = now.minus(OUTAGE_AGO);
    Instant regional = now.minus(REGIONAL_AGO);
    for (String region : List.of("eu-central", "us-east", "ap-south")) {
      for (Instant t = start; t.isBefore(now); t = t.plusSeconds(30)) {
        boolean down = !t.isBefore(outage) && t.isBefore(outage.plusSeconds(180));
        boolean regionDown = region.equals("us-east") && !t.isBefore(regional)
            && t.isBefore(regional.plusSeconds(600));
        boolean silent = region.equals("ap-south") && !t.isBefore(now.minus(Duration.ofHours(8)))
            && t.isBefore(now.minus(Duration.ofHours(8)).plusSeconds(1200));
        if (!silent) {
          obs.add(new StoredObservation("platform-health", region, t,
              down || regionDown ? State.ERROR : State.OK, down ? "503" : null, "probe"));
        }
      }
    }
    store.appendObservations(obs);
  }

  private static void attempts(Store store, Instant now) {
    List<StoredAttempt> list = new ArrayList<>();
    for (int i = 60; i > 0; i--) {
      Instant t = now.minusSeconds(30L * i);
      boolean ok = i % 17 != 0;
      list.add(new StoredAttempt("platform-health", i % 2 == 0 ? "eu-central" : "us-east", t, ok,
          ok ? 200 : 503, ok ? null : "status 503, expected 200", 1.5 + i % 3, 8.0 + i % 5,
          21.0 + i % 7, 62.0 + i % 11, 70.0 + i % 13, null));
    }
    store.appendAttempts(list);
  }

  private static void journeys(Store store, Instant now) {
    List<StoredAttempt> runs = new ArrayList<>();
    for (int i = 288; i > 0; i--) {
      Instant t = now.minusSeconds(300L * i);
      boolean fail = i % 29 == 0;
      boolean slow = i % 41 == 0;
      String steps = "[{\"name\":\"fetch-order\",\"ok\":true,\"status\":200,\"error\":\"\","
          + "\"totalMillis\":" + (180 + i % 40) + "},"
          + "{\"name\":\"assign-courier\",\"ok\":" + !fail + ",\"status\":" + (fail ? 502 : 200)
          + ",\"error\":\"" + (fail ? "status 502, expected 200" : "") + "\",\"totalMillis\":"
          + (slow ? 61000 : 240 + i % 60) + "}"
          + (fail ? "" : ",{\"name\":\"track\",\"ok\":true,\"status\":200,\"error\":\"\","
          + "\"totalMillis\":" + (90 + i % 20) + "}") + "]";
      runs.add(new StoredAttempt("order-to-tracking", i % 2 == 0 ? "eu-central" : "us-east", t,
          !fail && !slow, null, fail ? "step assign-courier failed" : null, null, null, null,
          null, null, steps));
    }
    store.appendAttempts(runs);
  }
}
