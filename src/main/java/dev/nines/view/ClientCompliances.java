package dev.nines.view;

import dev.nines.model.ClientSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.live.LiveSlos;
import dev.nines.live.UptimeBuckets;
import dev.nines.model.SliKind;
import dev.nines.uptime.UptimeSnapshot;
import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import dev.nines.slo.TimeSlices;
import java.util.Map;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Builds {@link ClientCompliance} from the hourly rollups and the live SLO windows. */
public final class ClientCompliances {
  private final Supplier<Spec> spec;
  private final Supplier<LiveSlos> live;
  private final Store store;

  public ClientCompliances(Supplier<Spec> spec, Supplier<LiveSlos> live, Store store) {
    this.spec = spec;
    this.live = live;
    this.store = store;
  }

  /** The client called {@code name}, or null. */
  public ClientSpec client(String name) {
    return spec.get().clients().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElse(null);
  }

  /** What client {@code name} sees at {@code now}; null for an unknown client. */
  public ClientCompliance of(String name, Instant now) {
    Spec sp = spec.get();
    ClientSpec client = client(name);
    if (client == null) {
      return null;
    }
    ZoneId zone = sp.timeZone();
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate first = ClientCompliance.firstDay(today);
    long monthStartHour = Math.floorDiv(
        ClientCompliance.startOf(sp, today.withDayOfMonth(1)).getEpochSecond(), 3600);
    long fromHour = Math.floorDiv(ClientCompliance.startOf(sp, first).getEpochSecond(), 3600);
    long toHour = Math.floorDiv(now.getEpochSecond(), 3600) + 1;
    List<ClientCompliance.Slo> out = new ArrayList<>();
    for (SloSpec slo : ClientCompliance.slosOf(sp, name)) {
      long[] good = new long[ClientCompliance.DAYS];
      long[] valid = new long[ClientCompliance.DAYS];
      Counts month = Counts.ZERO;
      TimeSlices slices = TimeSlices.of(slo.budgeting());
      if (slices != null) {
        month = slices(slo, slices, zone, first, monthStartHour * 60, now, good, valid);
      }
      for (MinuteBucket b : slices != null ? List.<MinuteBucket>of()
          : store.hourBuckets(slo.name(), fromHour, toHour)) {
        Instant t = Instant.ofEpochSecond(b.period() * 3600);
        int d = (int) (t.atZone(zone).toLocalDate().toEpochDay() - first.toEpochDay());
        if (d >= 0 && d < ClientCompliance.DAYS) {
          good[d] += b.good();
          valid[d] += b.valid();
        }
        if (b.period() >= monthStartHour) {
          month = month.plus(new Counts(b.good(), b.valid()));
        }
      }
      List<ClientCompliance.Day> days = new ArrayList<>();
      for (int d = 0; d < ClientCompliance.DAYS; d++) {
        Counts c = new Counts(good[d], valid[d]);
        days.add(new ClientCompliance.Day(first.plusDays(d), c,
            c.valid() == 0 ? null : ErrorBudget.of(c, slo.target()).met()));
      }
      LiveSlos.View v = live.get().view(slo.name());
      out.add(new ClientCompliance.Slo(slo, month,
          v == null ? 1.0 : v.status().budget().remainingRatio(),
          v == null ? null : v.status().alert(), days,
          slo.sli().kind() == SliKind.UPTIME ? monthUptime(slo, month, monthStartHour, toHour)
              : null));
    }
    return new ClientCompliance(client, YearMonth.from(today), out);
  }

  /**
   * A time-slice SLO's days and month counted in slices, as its engine counts them: every
   * complete slice since the first day, judged from its minute buckets, goes to the day (and
   * month) it starts in. Fills {@code good} and {@code valid} per day; returns the month.
   */
  private Counts slices(SloSpec slo, TimeSlices slices, ZoneId zone, LocalDate first,
      long monthStartMinute, Instant now, long[] good, long[] valid) {
    long from = slices.sliceOf(Math.floorDiv(
        ClientCompliance.startOf(spec.get(), first).getEpochSecond(), 60));
    long nowMinute = Math.floorDiv(now.getEpochSecond(), 60);
    java.util.SortedMap<Long, long[]> events = new java.util.TreeMap<>();
    for (MinuteBucket b : store.minuteBuckets(slo.name(), from * slices.sliceMinutes(),
        nowMinute)) {
      long[] e = events.computeIfAbsent(slices.sliceOf(b.period()), k -> new long[2]);
      e[0] += b.good();
      e[1] += b.valid();
    }
    Counts month = Counts.ZERO;
    for (Map.Entry<Long, long[]> e : events.entrySet()) {
      if (slices.lastMinute(e.getKey()) >= nowMinute) {
        continue;                                         // not complete yet
      }
      long[] c = slices.count(e.getValue()[0], e.getValue()[1]);
      long startMinute = e.getKey() * slices.sliceMinutes();
      int d = (int) (Instant.ofEpochSecond(startMinute * 60).atZone(zone).toLocalDate()
          .toEpochDay() - first.toEpochDay());
      if (d >= 0 && d < ClientCompliance.DAYS) {
        good[d] += c[0];
        valid[d] += c[1];
      }
      if (startMinute >= monthStartMinute) {
        month = month.plus(new Counts(c[0], c[1]));
      }
    }
    return month;
  }

  /** This month's uptime figures of an uptime SLO, from its companion hourly buckets. */
  private UptimeSnapshot monthUptime(SloSpec slo, Counts month, long fromHour, long toHour) {
    Counts unknown = sum(UptimeBuckets.unknownKey(slo.name()), fromHour, toHour);
    Counts uncertain = sum(UptimeBuckets.uncertainKey(slo.name()), fromHour, toHour);
    return UptimeBuckets.snapshot(month.good(), month.valid(), unknown.valid(), uncertain.good(),
        uncertain.valid());
  }

  private Counts sum(String sli, long fromHour, long toHour) {
    Counts c = Counts.ZERO;
    for (MinuteBucket b : store.hourBuckets(sli, fromHour, toHour)) {
      c = c.plus(new Counts(b.good(), b.valid()));
    }
    return c;
  }
}
