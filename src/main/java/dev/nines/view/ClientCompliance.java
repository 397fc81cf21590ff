package dev.nines.view;

import dev.nines.model.Audience;
import dev.nines.model.ClientSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Severity;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * What a client sees of its SLOs (audience client only): this calendar month's compliance,
 * the budget left in each SLO's own window, and one bar per day for the last
 * {@value #DAYS} days, all in the spec's time zone. Days are cut at whole UTC hours.
 *
 * @param month the calendar month of "this month"
 */
public record ClientCompliance(ClientSpec client, YearMonth month, List<Slo> slos) {
  /** Days of uptime bars. */
  public static final int DAYS = 90;

  public ClientCompliance {
    Objects.requireNonNull(client, "client");
    slos = List.copyOf(slos);
  }

  /**
   * One client SLO.
   *
   * @param month good and valid events (or milliseconds) of this calendar month so far
   * @param budgetRemainingRatio the share of the error budget left in the SLO's own window
   * @param alert the firing burn-rate severity now, or null
   * @param days the last {@link #DAYS} days, oldest first
   * @param monthUptime for an uptime SLO, this month's up, down and unknown time with bounds
   *     (from the same buckets as {@code month}), else null
   */
  public record Slo(SloSpec spec, Counts month, double budgetRemainingRatio, Severity alert,
      List<Day> days, UptimeSnapshot monthUptime) {
    public Slo {
      days = List.copyOf(days);
    }

    /** Whether this month so far meets the target; null without data ("no data"). */
    public Boolean monthMet() {
      return month.valid() == 0 ? null : ErrorBudget.of(month, spec.target()).met();
    }
  }

  /** One day's counts; {@link #met()} is null without valid events. */
  public record Day(LocalDate date, Counts counts, Boolean met) {}

  /** The client SLOs (audience client, of a service of {@code client}) in spec order. */
  public static List<SloSpec> slosOf(Spec spec, String client) {
    return spec.slos().stream().filter(s -> s.audience() == Audience.CLIENT).filter(s -> {
      ServiceSpec svc = spec.service(s.service());
      return svc != null && client.equals(svc.client());
    }).toList();
  }

  /** The most urgent alert among the SLOs, or null when none fires. */
  public Severity worstAlert() {
    Severity worst = null;
    for (Slo s : slos) {
      if (s.alert() != null && (worst == null || s.alert().ordinal() < worst.ordinal())) {
        worst = s.alert();
      }
    }
    return worst;
  }

  /** The first day of the bars. */
  public static LocalDate firstDay(LocalDate today) {
    return today.minusDays(DAYS - 1);
  }

  /** Instant of the start of {@code day} in the spec's zone. */
  static Instant startOf(Spec spec, LocalDate day) {
    return day.atStartOfDay(spec.timeZone()).toInstant();
  }
}
