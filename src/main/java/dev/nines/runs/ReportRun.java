package dev.nines.runs;

import dev.nines.format.Fmt;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.Audience;
import dev.nines.model.ClientSpec;
import dev.nines.model.Spec;
import dev.nines.notify.Notification;
import dev.nines.notify.Notifier;
import dev.nines.report.MonthlyReport;
import dev.nines.report.ReportArchive;
import dev.nines.report.ReportFormat;
import dev.nines.report.ReportText;
import dev.nines.report.Reports;
import dev.nines.store.Store;
import dev.nines.view.ClientCompliances;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly report run: once a calendar month has closed in a client's time zone (and
 * {@link #SETTLE} more has passed, so the month's last minutes are stored), the month's report
 * is generated, archived in every format and handed to the outbox as a {@code REPORT}
 * notification with the PDF attached, which reaches the client's own channels only. A lease
 * keeps several servers on one database from doing it twice; the outbox key would send it once
 * anyway.
 */
public final class ReportRun {
  private static final Logger LOG = LoggerFactory.getLogger(ReportRun.class);
  /** How long after a month's end its report waits, for late minutes to be stored. */
  public static final Duration SETTLE = Duration.ofMinutes(10);
  private static final Duration LEASE = Duration.ofMinutes(15);

  private final Store store;
  private final Supplier<Spec> spec;
  private final Supplier<MaintenanceCalendar> maintenance;
  private final Notifier notifier;
  private final Clock clock;
  private final Supplier<String> baseUrl;
  private final String holder;
  private final ReportArchive archive;

  public ReportRun(Store store, Supplier<Spec> spec, Supplier<MaintenanceCalendar> maintenance,
      Notifier notifier, Clock clock, Supplier<String> baseUrl, String holder) {
    this.store = store;
    this.spec = spec;
    this.maintenance = maintenance;
    this.notifier = notifier;
    this.clock = clock;
    this.baseUrl = baseUrl;
    this.holder = holder;
    this.archive = new ReportArchive(store);
  }

  /**
   * Archives and sends every report that is due and not archived yet.
   *
   * @return the reports made, as {@code client month}
   */
  public List<String> runOnce() {
    Instant now = clock.instant();
    Spec sp = spec.get();
    List<String> made = new ArrayList<>();
    for (ClientSpec c : sp.clients()) {
      YearMonth month = due(sp, c, now);
      if (month == null || archive.archived(c.name(), month)) {
        continue;
      }
      String lease = "report:" + c.name() + ":" + month;
      if (!store.acquireLease(lease, holder, now, LEASE)) {
        continue;
      }
      try {
        ReportArchive.Archived a = archive.archive(sp, maintenance.get(), c.name(), month, clock);
        notifier.send(notification(a.report(), a.files().get(ReportFormat.PDF)));
        made.add(c.name() + " " + month);
        LOG.info("archived the {} report of {} (figures {}) and handed it to the outbox",
            month, c.name(), ReportText.shortHash(a.report()));
      } catch (RuntimeException e) {
        LOG.error("the {} report of {} failed; trying again next run", month, c.name(), e);
      } finally {
        store.releaseLease(lease, holder);
      }
    }
    return made;
  }

  /** The month whose report is due at {@code now} for {@code client}: the last closed one. */
  static YearMonth due(Spec spec, ClientSpec client, Instant now) {
    YearMonth current = YearMonth.from(now.atZone(spec.zoneOf(client)));
    Instant start = ClientCompliances.monthPeriod(current, spec.zoneOf(client)).start();
    return now.isBefore(start.plus(SETTLE)) ? null : current.minusMonths(1);
  }

  /** The report as a client notification with the PDF attached. */
  Notification notification(MonthlyReport r, byte[] pdf) {
    List<Notification.Field> fields = new ArrayList<>();
    for (MonthlyReport.Slo s : r.slos()) {
      fields.add(new Notification.Field(s.spec().title(), ReportText.achieved(s.figures())
          + " (target " + Fmt.target(s.spec().target()) + ", " + ReportText.result(s.figures())
          + ")"));
    }
    String base = baseUrl.get();
    return new Notification("report:" + r.client().name() + ":" + r.month(),
        Notification.Kind.REPORT, Audience.CLIENT, r.client().name(), Notification.Status.INFO,
        "info", r.client().title() + ": service level report for " + Fmt.month(r.month()),
        r.summary(), fields, java.util.Map.of(), base == null ? null : base + "/portal",
        r.period().end(), null, List.of(new Notification.Attachment(Reports.fileName(
            r.client().name(), r.month(), ReportFormat.PDF), "application/pdf", pdf)));
  }
}
