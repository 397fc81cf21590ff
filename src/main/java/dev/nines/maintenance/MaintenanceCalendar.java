package dev.nines.maintenance;

import dev.nines.model.MaintenanceSpec;
import dev.nines.model.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every maintenance window in force: the spec's (recurring series expanded on demand) and the
 * ones added through the API. Immutable: a new calendar is built when either changes. The
 * one place that answers "is this service in maintenance at t?", for states, alerts, SLO
 * windows and every screen.
 */
public final class MaintenanceCalendar {
  private record Series(MaintenanceSpec spec, Recurrence recurrence, Duration length) {}

  private final List<Series> series;
  private final List<MaintenanceWindow> stored;

  private MaintenanceCalendar(List<Series> series, List<MaintenanceWindow> stored) {
    this.series = List.copyOf(series);
    this.stored = List.copyOf(stored);
  }

  /** A calendar with no window at all. */
  public static MaintenanceCalendar empty() {
    return new MaintenanceCalendar(List.of(), List.of());
  }

  /**
   * The calendar of a spec and the stored windows.
   *
   * @throws IllegalArgumentException when a spec window's rule is invalid (the spec reader
   *     refuses such specs, so this does not happen for a read spec)
   */
  public static MaintenanceCalendar of(Spec spec, List<MaintenanceWindow> stored) {
    List<Series> series = new ArrayList<>();
    for (MaintenanceSpec m : spec.maintenance()) {
      Duration length = Duration.between(m.start(), m.end());
      series.add(new Series(m, m.rrule() == null ? null
          : Recurrence.parse(m.rrule(), m.start(), spec.timeZone()), length));
    }
    return new MaintenanceCalendar(series, stored);
  }

  /** This calendar with other stored windows. */
  public MaintenanceCalendar withStored(List<MaintenanceWindow> windows) {
    return new MaintenanceCalendar(series, windows);
  }

  /** The stored windows (added through the API). */
  public List<MaintenanceWindow> stored() {
    return stored;
  }

  /** Every window of every service overlapping [from, to), by start. */
  public List<MaintenanceWindow> between(Instant from, Instant to) {
    List<MaintenanceWindow> out = new ArrayList<>();
    for (Series s : series) {
      expand(s, from, to, out);
    }
    for (MaintenanceWindow w : stored) {
      if (w.overlaps(from, to)) {
        out.add(w);
      }
    }
    out.sort(Comparator.comparing(MaintenanceWindow::start)
        .thenComparing(MaintenanceWindow::service));
    return out;
  }

  /** The windows of {@code service} overlapping [from, to), by start. */
  public List<MaintenanceWindow> between(String service, Instant from, Instant to) {
    return between(from, to).stream().filter(w -> w.service().equals(service)).toList();
  }

  /** The window of {@code service} covering {@code t}, or null. */
  public MaintenanceWindow at(String service, Instant t) {
    for (MaintenanceWindow w : between(service, t, t.plusMillis(1))) {
      if (w.covers(t)) {
        return w;
      }
    }
    return null;
  }

  private static void expand(Series s, Instant from, Instant to, List<MaintenanceWindow> out) {
    MaintenanceSpec m = s.spec();
    if (s.recurrence() == null) {
      if (m.start().isBefore(to) && m.end().isAfter(from)) {
        out.add(new MaintenanceWindow(0, m.service(), m.start(), m.end(), m.reason(),
            MaintenanceWindow.Source.SPEC, null, null));
      }
      return;
    }
    for (Instant start : s.recurrence().startsBetween(from, to, s.length())) {
      Instant end = start.plus(s.length());
      if (end.isAfter(from)) {
        out.add(new MaintenanceWindow(0, m.service(), start, end, m.reason(),
            MaintenanceWindow.Source.SPEC, null, null));
      }
    }
  }
}
