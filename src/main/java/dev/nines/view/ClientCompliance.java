package dev.nines.view;

import dev.nines.model.Audience;
import dev.nines.model.ClientSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Severity;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.model.WindowPeriod;
import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import dev.nines.uptime.UptimeSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * What a client sees of its SLOs (audience client only) for one calendar month of its time
 * zone: each SLO's good and valid counts of the month (up to {@code asOf} while it runs), its
 * days, and for the running month the budget left in the SLO's own window and the alert now.
 * The portal, the status page, the API and the monthly report all read the month here.
 *
 * @param period the month, local midnight to local midnight in {@code zone}
 * @param asOf the end of what was counted: the month's end, or now while it runs
 */
public record ClientCompliance(ClientSpec client, ZoneId zone, YearMonth month,
    WindowPeriod period, Instant asOf, List<Slo> slos) {
  /** Days of uptime bars. */
  public static final int DAYS = 90;

  public ClientCompliance {
    Objects.requireNonNull(client, "client");
    slos = List.copyOf(slos);
  }

  /**
   * One client SLO.
   *
   * @param month good and valid events (or milliseconds) of the month up to {@code asOf}
   * @param window the SLO's own window now (for the running month), or null for a past month
   * @param alert the firing burn-rate severity now, or null
   * @param days one entry per day, oldest first: the last {@link #DAYS} days for the running
   *     month's portal and status page, the month's days for a month
   * @param monthUptime for an uptime SLO, the month's up, down and unknown time with bounds
   *     (from the same buckets as {@code month}), else null
   */
  public record Slo(SloSpec spec, Counts month, Window window, Severity alert, List<Day> days,
      UptimeSnapshot monthUptime) {
    public Slo {
      days = List.copyOf(days);
    }

    /** The month's budget: bad against budget × valid of the month. */
    public ErrorBudget monthBudget() {
      return ErrorBudget.of(month, spec.target());
    }

    /** Whether the month meets the target (true without traffic). */
    public boolean monthMet() {
      return monthBudget().met();
    }

    /** The share of the budget left in the SLO's own window now, or of the month's. */
    public double budgetRemainingRatio() {
      return window != null ? window.budget().remainingRatio() : monthBudget().remainingRatio();
    }
  }

  /**
   * An SLO's own window as the live engine holds it.
   *
   * @param id the window's spelling, e.g. {@code 30d} or {@code month}
   */
  public record Window(String id, WindowPeriod period, Counts counts, ErrorBudget budget) {}

  /** One day's counts; {@link #met()} is null without valid events. */
  public record Day(LocalDate date, Counts counts, Boolean met) {}

  /** The client SLOs (audience client, of a service of {@code client}) in spec order. */
  public static List<SloSpec> slosOf(Spec spec, String client) {
    return spec.slos().stream().filter(s -> s.audience() == Audience.CLIENT).filter(s -> {
      ServiceSpec svc = spec.service(s.service());
      return svc != null && client.equals(svc.client());
    }).toList();
  }

  /** The SLO called {@code name}, or null. */
  public Slo slo(String name) {
    return slos.stream().filter(s -> s.spec().name().equals(name)).findFirst().orElse(null);
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

  /** How many SLOs met the month's target (SLOs without data count as met). */
  public long met() {
    return slos.stream().filter(Slo::monthMet).count();
  }

  /** The first day of the bars. */
  public static LocalDate firstDay(LocalDate today) {
    return today.minusDays(DAYS - 1);
  }
}
