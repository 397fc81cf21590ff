package dev.nines.live;

import dev.nines.alert.MonitorConditions;
import dev.nines.model.MonitorSpec;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.uptime.Observation;
import dev.nines.uptime.MonitorObservations;
import dev.nines.uptime.Uptime;
import dev.nines.uptime.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The monitors of a spec as the alert conditions read them now: each region's latest state and
 * whether it is fresh (a result newer than two check intervals), the quorum state by
 * {@link Uptime#stateAt}, the timeline's rule, and the certificate the last TLS handshake saw.
 */
final class MonitorInputs {
  private MonitorInputs() {}

  /**
   * The inputs of every monitor of {@code spec}.
   *
   * @param clientOf the client of each service
   */
  static List<MonitorConditions.Input> of(Spec spec, ProbeRecorder probes, Instant now,
      Map<String, String> clientOf) {
    Set<String> read = new HashSet<>();
    for (SloSpec slo : spec.slos()) {
      if (slo.sli().source() instanceof SliSource.Monitors m) {
        read.addAll(m.names());
      }
    }
    Map<String, dev.nines.model.ServiceSpec> services = new java.util.HashMap<>();
    spec.services().forEach(x -> services.put(x.name(), x));
    List<MonitorConditions.Input> out = new ArrayList<>(spec.monitors().size());
    for (MonitorSpec m : spec.monitors()) {
      Map<String, ProbeRecorder.Latest> latest = probes.latest(m.name());
      Duration stale = m.interval().multipliedBy(MonitorObservations.STALE_INTERVALS);
      Map<String, Observation> byRegion = new LinkedHashMap<>();
      List<MonitorConditions.Region> regions = new ArrayList<>();
      for (String r : spec.regionsOf(m)) {
        ProbeRecorder.Latest l = latest.get(r);
        Observation o = l == null ? null : l.observation();
        byRegion.put(r, o);
        boolean silent = o == null || !now.isBefore(o.time().plus(stale));
        regions.add(new MonitorConditions.Region(r, silent ? State.UNKNOWN : o.state(),
            o == null ? null : o.time(), silent, l == null ? null : l.message()));
      }
      int quorum = spec.quorumOf(m, services.get(m.service()));
      State state = Uptime.stateAt(byRegion, now, stale, quorum);
      ProbeRecorder.SeenCertificate cert = probes.certificate(m.name());
      out.add(new MonitorConditions.Input(m, clientOf.get(m.service()),
          read.contains(m.name()), state, quorum, null, regions, cert == null ? null
          : new MonitorConditions.Certificate(cert.subject(), cert.daysLeft(now))));
    }
    return out;
  }
}
