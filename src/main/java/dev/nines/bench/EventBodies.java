package dev.nines.bench;

import dev.nines.model.EndpointSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Spec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Request-event batches serialised once, ahead of a load run: JSON arrays of events on every
 * endpoint of every service of a spec, as a producer would report them (mostly 2xx, a few 4xx
 * and 5xx and timeouts, log-normal durations, event times over the minute before
 * {@code now}, and a processed time on read endpoints, for freshness SLIs).
 */
public final class EventBodies {
  private record Target(String service, String path, boolean write) {}

  private final List<Target> targets = new ArrayList<>();
  private final SplittableRandom random;

  /** Bodies for the endpoints of {@code spec}'s services (services without any count once). */
  public EventBodies(Spec spec, long seed) {
    for (ServiceSpec s : spec.services()) {
      if (s.endpoints().isEmpty()) {
        targets.add(new Target(s.name(), "", false));
      }
      for (EndpointSpec e : s.endpoints()) {
        targets.add(new Target(s.name(), e.path(), !"GET".equalsIgnoreCase(e.method())));
      }
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("the spec declares no service. Expected at least one "
          + "service to send events for");
    }
    this.random = new SplittableRandom(seed);
  }

  /** {@code count} distinct bodies of {@code events} events each, as UTF-8 JSON arrays. */
  public List<byte[]> bodies(int count, int events, Instant now) {
    List<byte[]> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder b = new StringBuilder(events * 140).append('[');
      for (int e = 0; e < events; e++) {
        if (e > 0) {
          b.append(',');
        }
        event(b, now);
      }
      out.add(b.append(']').toString().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private void event(StringBuilder b, Instant now) {
    Target t = targets.get(random.nextInt(targets.size()));
    long time = now.toEpochMilli() - random.nextLong(60_000);
    double roll = random.nextDouble();
    boolean failed = roll < 0.0005;
    int status = failed ? 0 : roll < 0.003 ? 503 : roll < 0.004 ? 500 : roll < 0.014 ? 404
        : roll < 0.016 ? 429 : t.write() ? 201 : 200;
    // log-normal around 60 ms: most requests fast, a long tail past a second
    long duration = failed ? 30_000 : Math.round(Math.exp(4.1 + 0.9 * random.nextGaussian()));
    b.append("{\"service\":\"").append(t.service()).append("\",\"endpoint\":\"").append(t.path())
        .append('"');
    if (failed) {
      b.append(",\"failed\":true");
    } else {
      b.append(",\"status\":").append(status);
    }
    b.append(",\"durationMs\":").append(duration)
        .append(",\"time\":\"").append(Instant.ofEpochMilli(time)).append('"');
    if (!t.write()) {
      long lag = random.nextDouble() < 0.002 ? 400_000 : random.nextLong(1_000, 20_000);
      b.append(",\"processedTime\":\"").append(Instant.ofEpochMilli(time + lag)).append('"');
    }
    b.append('}');
  }
}
