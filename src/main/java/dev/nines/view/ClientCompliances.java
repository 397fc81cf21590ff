package dev.nines.view;

import dev.nines.live.LiveSlos;
import dev.nines.live.UptimeBuckets;
import dev.nines.model.CalendarUnit;
import dev.nines.model.ClientSpec;
import dev.nines.model.SliKind;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.model.WindowPeriod;
import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import dev.nines.slo.TimeSlices;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds {@link ClientCompliance}: a month's counts from {@link StoredCounts} (exact to the
 * minute), the running month's 90 daily bars from the hourly rollups, and the budget and alert
 * of each SLO's own window from the live engine. A time-slice SLO counts slices instead, as its
 * engine does: each complete slice, judged from its minute buckets, goes to the day and month
 * it starts in. An uptime SLO also gets the month's unknown and uncertain time, from the
 * companion buckets its minutes are written with.
 */
public final class ClientCompliances {
  private final Supplier<Spec> spec;
  private final Supplier<LiveSlos> live;
  private final Store store;

  /** @param live the live SLO windows, or null to read the store only (reports, the CLI) */
  public ClientCompliances(Supplier<Spec> spec, Supplier<LiveSlos> live, Store store) {
    this.spec = spec;
    this.live = live;
    this.store = store;
  }

  /** The client called {@code name}, or null. */
  public ClientSpec client(String name) {
    return spec.get().client(name);
  }

  /** The zone client {@code name} is shown in (its own, else the spec's). */
  public ZoneId zone(ClientSpec client) {
    return spec.get().zoneOf(client);
  }

  /** The calendar month of {@code client}'s zone that contains {@code t}. */
  public static WindowPeriod monthPeriod(YearMonth month, ZoneId zone) {
    return CalendarUnit.MONTH.periodOf(month.atDay(1), zone);
  }

  /**
   * What client {@code name} sees at {@code now}: this month so far, the last
   * {@value ClientCompliance#DAYS} days, and each SLO's own window; null for an unknown client.
   */
  public ClientCompliance of(String name, Instant now) {
    Spec sp = spec.get();
    ClientSpec client = client(name);
    if (client == null) {
      return null;
    }
    ZoneId zone = sp.zoneOf(client);
    LocalDate today = now.atZone(zone).toLocalDate();
    YearMonth month = YearMonth.from(today);
    WindowPeriod period = monthPeriod(month, zone);
    List<ClientCompliance.Slo> out = new ArrayList<>();
    for (SloSpec slo : ClientCompliance.slosOf(sp, name)) {
      LiveSlos.View v = live == null ? null : live.get().view(slo.name());
      ClientCompliance.Window window = v == null ? null : new ClientCompliance.Window(
          slo.window().id(), v.status().period(), v.status().window(), v.status().budget());
      Counts counts = monthCounts(slo, period, now, now);
      out.add(new ClientCompliance.Slo(slo, counts, window,
          v == null ? null : v.status().alert(), lastDays(slo, today, zone, now),
          monthUptime(slo, counts, period, now)));
    }
    return new ClientCompliance(client, zone, month, period, now, out);
  }

  /**
   * What client {@code name}'s SLOs achieved in {@code month} of its zone, day by day: the
   * whole month once it is over, else up to {@code now}; null for an unknown client. For the
   * running month this is the portal's month figure, to the event.
   */
  public ClientCompliance month(String name, YearMonth month, Instant now) {
    Spec sp = spec.get();
    ClientSpec client = client(name);
    if (client == null) {
      return null;
    }
    ZoneId zone = sp.zoneOf(client);
    WindowPeriod period = monthPeriod(month, zone);
    Instant asOf = period.end().isAfter(now) ? now : period.end();
    List<ClientCompliance.Slo> out = new ArrayList<>();
    for (SloSpec slo : ClientCompliance.slosOf(sp, name)) {
      List<ClientCompliance.Day> days = new ArrayList<>();
      for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
        Instant from = d.atStartOfDay(zone).toInstant();
        Instant to = d.plusDays(1).atStartOfDay(zone).toInstant();
        Counts c = from.isBefore(asOf) ? counts(slo, from, to.isAfter(asOf) ? asOf : to, now)
            : Counts.ZERO;
        days.add(day(slo, d, c));
      }
      Counts counts = monthCounts(slo, period, asOf, now);
      out.add(new ClientCompliance.Slo(slo, counts, null, null, days,
          monthUptime(slo, counts, period, asOf)));
    }
    return new ClientCompliance(client, zone, month, period, asOf, out);
  }

  /** The month's counts of {@code slo} from its start up to {@code asOf} (at most its end). */
  private Counts monthCounts(SloSpec slo, WindowPeriod month, Instant asOf, Instant now) {
    return counts(slo, month.start(), monthEnd(month, asOf), now);
  }

  /** Up to the end of the running minute, as the live windows count it, or the month's end. */
  private static Instant monthEnd(WindowPeriod month, Instant asOf) {
    Instant to = month.end().isAfter(asOf) ? asOf : month.end();
    return to.equals(month.end()) ? to : Instant.ofEpochSecond(
        Math.floorDiv(to.getEpochSecond(), 60) * 60 + 60);
  }

  /**
   * What {@code slo} counted over {@code [from, to)}: its buckets, or for a time-slice SLO its
   * slices that start in the range and are complete at {@code now}.
   */
  private Counts counts(SloSpec slo, Instant from, Instant to, Instant now) {
    TimeSlices slices = TimeSlices.of(slo.budgeting());
    if (slices == null) {
      return StoredCounts.between(store, slo.name(), from, to);
    }
    long fromMinute = Math.floorDiv(from.getEpochSecond() + 59, 60);
    long toMinute = Math.floorDiv(to.getEpochSecond() + 59, 60);
    long nowMinute = Math.floorDiv(now.getEpochSecond(), 60);
    long firstSlice = slices.sliceOf(fromMinute);
    if (firstSlice * slices.sliceMinutes() < fromMinute) {
      firstSlice++;                                   // slices starting before from are not ours
    }
    java.util.SortedMap<Long, long[]> events = new java.util.TreeMap<>();
    for (MinuteBucket b : store.minuteBuckets(slo.name(), firstSlice * slices.sliceMinutes(),
        toMinute + slices.sliceMinutes())) {
      long slice = slices.sliceOf(b.period());
      if (slice * slices.sliceMinutes() >= toMinute) {
        continue;
      }
      long[] e = events.computeIfAbsent(slice, k -> new long[2]);
      e[0] += b.good();
      e[1] += b.valid();
    }
    Counts c = Counts.ZERO;
    for (java.util.Map.Entry<Long, long[]> e : events.entrySet()) {
      if (slices.lastMinute(e.getKey()) >= nowMinute) {
        continue;                                     // not complete yet
      }
      long[] n = slices.count(e.getValue()[0], e.getValue()[1]);
      c = c.plus(new Counts(n[0], n[1]));
    }
    return c;
  }

  /** The month's uptime figures of an uptime SLO (null for other kinds). */
  private UptimeSnapshot monthUptime(SloSpec slo, Counts month, WindowPeriod period,
      Instant asOf) {
    if (slo.sli().kind() != SliKind.UPTIME) {
      return null;
    }
    Instant end = monthEnd(period, asOf);
    Counts unknown = StoredCounts.between(store, UptimeBuckets.unknownKey(slo.name()),
        period.start(), end);
    Counts uncertain = StoredCounts.between(store, UptimeBuckets.uncertainKey(slo.name()),
        period.start(), end);
    return UptimeBuckets.snapshot(month.good(), month.valid(), unknown.valid(), uncertain.good(),
        uncertain.valid());
  }

  /** The last {@value ClientCompliance#DAYS} days of {@code slo} from the hourly rollups. */
  private List<ClientCompliance.Day> lastDays(SloSpec slo, LocalDate today, ZoneId zone,
      Instant now) {
    LocalDate first = ClientCompliance.firstDay(today);
    long fromHour = Math.floorDiv(first.atStartOfDay(zone).toEpochSecond(), 3600);
    long toHour = Math.floorDiv(now.getEpochSecond(), 3600) + 1;
    if (TimeSlices.of(slo.budgeting()) != null) {
      List<ClientCompliance.Day> days = new ArrayList<>();
      for (int d = 0; d < ClientCompliance.DAYS; d++) {
        LocalDate date = first.plusDays(d);
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        days.add(day(slo, date, from.isAfter(now) ? Counts.ZERO : counts(slo, from, to, now)));
      }
      return days;
    }
    long[] good = new long[ClientCompliance.DAYS];
    long[] valid = new long[ClientCompliance.DAYS];
    for (MinuteBucket b : store.hourBuckets(slo.name(), fromHour, toHour)) {
      Instant t = Instant.ofEpochSecond(b.period() * 3600);
      int d = (int) (t.atZone(zone).toLocalDate().toEpochDay() - first.toEpochDay());
      if (d >= 0 && d < ClientCompliance.DAYS) {
        good[d] += b.good();
        valid[d] += b.valid();
      }
    }
    List<ClientCompliance.Day> days = new ArrayList<>();
    for (int d = 0; d < ClientCompliance.DAYS; d++) {
      days.add(day(slo, first.plusDays(d), new Counts(good[d], valid[d])));
    }
    return days;
  }

  private static ClientCompliance.Day day(SloSpec slo, LocalDate date, Counts c) {
    return new ClientCompliance.Day(date, c,
        c.valid() == 0 ? null : ErrorBudget.of(c, slo.target()).met());
  }
}
