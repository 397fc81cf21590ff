package dev.nines.report;

import dev.nines.incident.Incident;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.StoredObservation;
import dev.nines.uptime.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * September to mid-November 2026 of {@code spec/report.yaml}, written into a store: steady
 * hourly traffic, an incident on 12 October 14:00–15:10 UTC that fails 500 courier
 * assignments and takes the platform down for 7 minutes (ERROR from 14:05 to 14:10, so 14:04 to 14:11 by the rule table), and a month of
 * observations from three regions for the uptime bounds of October.
 */
public final class ReportSeed {
  public static final Path SPEC = Path.of("src/test/resources/spec/report.yaml");
  /** After October and the first half of November. */
  public static final Instant NOW = Instant.parse("2026-11-18T10:30:00Z");
  public static final Instant INCIDENT = Instant.parse("2026-10-12T14:00:00Z");
  public static final Instant OUTAGE = Instant.parse("2026-10-12T14:05:00Z");
  public static final Instant FROM = Instant.parse("2026-08-31T22:00:00Z");
  public static final String ROOT_CAUSE = "A database failover took longer than planned; "
      + "the failover runbook now pre-warms the replica.";

  private ReportSeed() {}

  /** Writes the history; returns the incident's id. */
  public static long write(Store store) {
    long fromHour = FROM.getEpochSecond() / 3600;
    long toHour = NOW.getEpochSecond() / 3600;
    long incidentHour = INCIDENT.getEpochSecond() / 3600;
    List<BucketDelta> d = new ArrayList<>();
    for (long h = fromHour; h < toHour; h++) {
      long m = h * 60;
      d.add(new BucketDelta("fetch-orders-success", m, 1999, 2000));
      d.add(new BucketDelta("assign-courier-success", m, h == incidentHour ? 500 : 1000, 1000));
      d.add(new BucketDelta("track-delivery-fast", m, 1499, 1500));
      d.add(new BucketDelta("platform-availability", m, h == incidentHour ? 3_180_000
          : 3_600_000, 3_600_000));
      d.add(new BucketDelta("order-to-tracking-journey", m, 12, 12));
      d.add(new BucketDelta("api-internal-errors", m, 4990, 5000));
      d.add(new BucketDelta("globex-ship-success", m, 500, 500));
    }
    store.commitIngest(List.of(new IngestBatch(null, d, List.of(), d.size())));
    observations(store, Instant.parse("2026-09-30T22:00:00Z"), Instant.parse(
        "2026-10-31T23:00:00Z"));
    long id = store.createIncident("platform", "acme", "assign-courier-success is burning its "
        + "error budget", INCIDENT, "alert", List.of("assign-courier-success",
        "platform-availability"), new Incident.Event(INCIDENT, Incident.Kind.OPENED, "alert",
        "page", null));
    store.resolveIncident(id, INCIDENT.plusSeconds(70 * 60), "sam", ROOT_CAUSE);
    return id;
  }

  /** One observation a minute per region, ERROR everywhere during the outage. */
  static void observations(Store store, Instant from, Instant to) {
    List<StoredObservation> obs = new ArrayList<>();
    for (String region : List.of("eu-central", "us-east", "ap-south")) {
      for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
        boolean down = !t.isBefore(OUTAGE) && t.isBefore(OUTAGE.plusSeconds(360));
        obs.add(new StoredObservation("platform-health", region, t, down ? State.ERROR
            : State.OK, down ? "503" : null, "probe"));
      }
    }
    store.appendObservations(obs);
  }
}
