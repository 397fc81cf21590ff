package dev.nines.view;

import dev.nines.incident.Incident;
import dev.nines.model.SliKind;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.model.WindowPeriod;
import dev.nines.slo.Counts;
import dev.nines.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an incident cost each SLO it affected: the bad events (or, for uptime SLIs, the down
 * time) from its opening to its resolution (or now), and that as a share of the error budget
 * of the SLO's window ending when the incident ended: a rolling window back from there, the
 * calendar period containing it. The one place incident impact is computed, for the console,
 * the API, the portal and the report.
 *
 * @param slos one entry per affected SLO (those named by the incident, else every SLO of its
 *     service)
 */
public record IncidentImpact(Incident incident, Instant end, List<Slo> slos) {
  public IncidentImpact {
    slos = List.copyOf(slos);
  }

  /**
   * The cost to one SLO.
   *
   * @param bad bad events, or down milliseconds for uptime SLIs
   * @param budgetShare bad / the window's allowed bad, 0 when the window allows nothing
   */
  public record Slo(SloSpec slo, long bad, long valid, double budgetShare) {
    /** Whether the figures are milliseconds of time rather than events. */
    public boolean time() {
      return slo.sli().kind() == SliKind.UPTIME;
    }
  }

  /** The impact of {@code incident} as of {@code now}, from the stored minute buckets. */
  public static IncidentImpact of(Incident incident, Spec spec, Store store, Instant now) {
    Instant end = incident.resolvedAt() != null ? incident.resolvedAt() : now;
    List<SloSpec> affected = new ArrayList<>();
    for (SloSpec s : spec.slos()) {
      if (incident.slos().isEmpty() ? s.service().equals(incident.service())
          : incident.slos().contains(s.name())) {
        affected.add(s);
      }
    }
    List<Slo> out = new ArrayList<>();
    long fromMinute = Math.floorDiv(incident.openedAt().getEpochSecond(), 60);
    long toMinute = Math.floorDiv(end.getEpochSecond() + 59, 60);
    for (SloSpec s : affected) {
      Counts during = StoredCounts.between(store, s.name(), fromMinute, toMinute);
      WindowPeriod w = s.window().periodAt(end);
      Counts window = StoredCounts.between(store, s.name(), w.start(), w.end());
      double allowed = s.target().budgetRatio() * window.valid();
      out.add(new Slo(s, during.bad(), during.valid(), allowed > 0 ? during.bad() / allowed : 0));
    }
    return new IncidentImpact(incident, end, out);
  }
}
