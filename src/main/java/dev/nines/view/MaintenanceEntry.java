package dev.nines.view;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.SliSource;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A maintenance window as the team sees it: past, current or planned, and what it does to
 * each SLO of its service: SLOs that exclude maintenance leave it out (their minutes, or the
 * events inside it), other monitor SLOs see its states as UNKNOWN (never downtime), other event
 * SLOs still count their events.
 * Alerts of the service are silenced throughout.
 */
public record MaintenanceEntry(MaintenanceWindow window, When when, List<Effect> effects) {
  public MaintenanceEntry {
    effects = List.copyOf(effects);
  }

  /** Where the window lies relative to now. */
  public enum When {
    PAST, CURRENT, PLANNED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a window does to one SLO. */
  public enum How {
    /** Its minutes are left out of the SLO. */
    EXCLUDED,
    /** Its states count as UNKNOWN: neither up nor down. */
    UNKNOWN,
    /** Events inside it count as always. */
    COUNTED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One SLO's share of the window.
   *
   * @param minutes how long the window affects it, up to now for a current window
   */
  public record Effect(SloSpec slo, How how, long minutes) {}

  /** Every window overlapping [from, to), by start, with its effects as of {@code now}. */
  public static List<MaintenanceEntry> between(Spec spec, MaintenanceCalendar calendar,
      Instant from, Instant to, Instant now) {
    List<MaintenanceEntry> out = new ArrayList<>();
    for (MaintenanceWindow w : calendar.between(from, to)) {
      out.add(of(spec, w, now));
    }
    return out;
  }

  /** One window with its effects as of {@code now}. */
  public static MaintenanceEntry of(Spec spec, MaintenanceWindow w, Instant now) {
    When when = !w.end().isAfter(now) ? When.PAST : w.start().isAfter(now) ? When.PLANNED
        : When.CURRENT;
    long minutes = (when == When.CURRENT ? Duration.between(w.start(), now)
        : Duration.between(w.start(), w.end())).toMinutes();
    List<Effect> effects = new ArrayList<>();
    for (SloSpec s : spec.slos()) {
      if (!s.service().equals(w.service())) {
        continue;
      }
      How how = s.excludeMaintenance() ? How.EXCLUDED
          : s.sli().source() instanceof SliSource.Monitors ? How.UNKNOWN : How.COUNTED;
      effects.add(new Effect(s, how, minutes));
    }
    return new MaintenanceEntry(w, when, effects);
  }
}
