package dev.nines.report;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.Spec;
import dev.nines.store.Store;
import dev.nines.store.StoredReport;
import java.time.Clock;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Monthly reports kept in the store: all three formats of a month generated from one
 * {@link MonthlyReport} and archived together, and looked up for downloads.
 */
public final class ReportArchive {
  private final Store store;

  public ReportArchive(Store store) {
    this.store = store;
  }

  /** What one archiving made: the report and its rendered forms. */
  public record Archived(MonthlyReport report, Map<ReportFormat, byte[]> files) {}

  /** Builds {@code client}'s report for {@code month}, archives every format, returns them. */
  public Archived archive(Spec spec, MaintenanceCalendar maintenance, String client,
      YearMonth month, Clock clock) {
    MonthlyReport r = Reports.build(spec, store, maintenance, client, month, clock);
    Map<ReportFormat, byte[]> files = new EnumMap<>(ReportFormat.class);
    for (ReportFormat f : ReportFormat.values()) {
      byte[] bytes = Reports.render(r, f);
      files.put(f, bytes);
      store.saveReport(StoredReport.of(client, month.toString(), f.id(), r.generatedAt(),
          r.figuresHash(), bytes));
    }
    return new Archived(r, files);
  }

  /** The archived report of a client, month and format. */
  public Optional<StoredReport> find(String client, YearMonth month, ReportFormat format) {
    return store.report(client, month.toString(), format.id());
  }

  /** Whether {@code client}'s report for {@code month} is archived (in PDF). */
  public boolean archived(String client, YearMonth month) {
    return find(client, month, ReportFormat.PDF).isPresent();
  }
}
