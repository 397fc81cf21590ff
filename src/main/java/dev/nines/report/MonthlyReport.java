package dev.nines.report;

import dev.nines.incident.Incident;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.ClientSpec;
import dev.nines.model.MonitorSpec;
import dev.nines.model.SliKind;
import dev.nines.model.SloSpec;
import dev.nines.model.WindowPeriod;
import dev.nines.slo.Counts;
import dev.nines.slo.ErrorBudget;
import dev.nines.uptime.AttributionTable;
import dev.nines.uptime.UptimeSnapshot;
import dev.nines.view.ClientCompliance;
import dev.nines.view.IncidentImpact;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * A client's monthly SLO compliance report as data: what the PDF, HTML and Markdown forms all
 * print, built once by {@link MonthlyReports} from the store and the shared read models.
 *
 * @param period the month in the client's zone (e.g. October in Europe/Berlin: 745 hours)
 * @param complete whether the month was over when the report was made
 * @param figuresHash SHA-256 (hex) of every figure, the same for every generation of the
 *     same month from the same store
 */
public record MonthlyReport(ClientSpec client, YearMonth month, ZoneId zone, WindowPeriod period,
    Instant generatedAt, boolean complete, String summary, List<Slo> slos,
    List<IncidentEntry> incidents, List<MaintenanceEntry> maintenance, String figuresHash) {

  public MonthlyReport {
    slos = List.copyOf(slos);
    incidents = List.copyOf(incidents);
    maintenance = List.copyOf(maintenance);
  }

  /** The month's length in hours (744 for October in UTC, 745 in Europe/Berlin). */
  public long hours() {
    return period.length().toHours();
  }

  /** The month's length in days. */
  public int days() {
    return month.lengthOfMonth();
  }

  /** How many SLOs met their target this month. */
  public long met() {
    return slos.stream().filter(s -> s.figures().met()).count();
  }

  /** Maintenance minutes of the month, all windows together. */
  public Duration maintenanceTotal() {
    return maintenance.stream().map(MaintenanceEntry::inMonth).reduce(Duration.ZERO,
        Duration::plus);
  }

  /**
   * One SLO of the month.
   *
   * @param previous the month before, for the comparison
   * @param days the month's days in the client's zone
   * @param burnDown the budget left at the end of each day: 1 − bad so far / (budget × the
   *     month's valid), so the last value is the month's
   * @param uptime the uptime with bounds of each monitor the SLO reads, with its rules
   */
  public record Slo(SloSpec spec, Figures figures, Figures previous,
      List<ClientCompliance.Day> days, List<Double> burnDown, List<MonitorUptime> uptime) {
    public Slo {
      days = List.copyOf(days);
      burnDown = List.copyOf(burnDown);
      uptime = List.copyOf(uptime);
    }
  }

  /**
   * An SLO's figures over one month.
   *
   * @param counts good and valid events, or milliseconds for time SLIs
   * @param allowedSeconds for time SLIs, the bad time the target allows over the month's
   *     real length; null for event SLIs
   */
  public record Figures(Counts counts, ErrorBudget budget, boolean time,
      BigDecimal allowedSeconds) {

    /** Whether the month met the target; true without traffic (nothing went wrong). */
    public boolean met() {
      return budget.met();
    }

    /** Whether there were no valid events (or no known time). */
    public boolean noData() {
      return counts.valid() == 0;
    }
  }

  /** Figures of a count SLI or a time SLI. */
  static boolean time(SloSpec spec) {
    return spec.sli().kind() == SliKind.UPTIME;
  }

  /**
   * One monitor's uptime over the month and how it was accounted.
   *
   * @param quorum regions that must agree on ERROR
   */
  public record MonitorUptime(MonitorSpec monitor, UptimeSnapshot uptime, Duration interval,
      List<String> regions, int quorum, AttributionTable rules) {
    public MonitorUptime {
      regions = List.copyOf(regions);
    }

    /** Whether anything was observed. */
    public boolean hasData() {
      return uptime.totalMillis() > 0;
    }
  }

  /**
   * An incident that overlapped the month.
   *
   * @param title what the client reads: the title of an incident opened by hand, else the
   *     affected objectives
   */
  public record IncidentEntry(Incident incident, String title, Duration duration,
      IncidentImpact impact) {}

  /**
   * A maintenance window that overlapped the month.
   *
   * @param inMonth its length inside the month
   * @param excludedFrom the client SLOs of its service that leave maintenance out entirely
   */
  public record MaintenanceEntry(MaintenanceWindow window, Duration inMonth,
      List<String> excludedFrom) {
    public MaintenanceEntry {
      excludedFrom = List.copyOf(excludedFrom);
    }
  }
}
