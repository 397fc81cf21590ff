package dev.nines.report;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.Spec;
import dev.nines.store.Store;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain Java entry point to monthly reports: build one from a store and render it as PDF,
 * HTML or Markdown, and the SLO proposal likewise. {@code nines report}, {@code nines proposal},
 * the server's monthly run and the demo call this.
 */
public final class Reports {
  private static final TemplateEngine TEMPLATES =
      TemplateEngine.createPrecompiled(ContentType.Html);

  private Reports() {}

  /** The report of {@code client} for {@code month}, as of the clock's now. */
  public static MonthlyReport build(Spec spec, Store store, MaintenanceCalendar maintenance,
      String client, YearMonth month, Clock clock) {
    return new MonthlyReports(spec, store, maintenance).build(client, month, clock.instant());
  }

  /** The report built and rendered: {@link #build} then {@link #render}. */
  public static byte[] generate(Spec spec, Store store, MaintenanceCalendar maintenance,
      String client, YearMonth month, ReportFormat format, Clock clock) {
    return render(build(spec, store, maintenance, client, month, clock), format);
  }

  /** Writes the report to {@code file} and returns the report, e.g. for its hash. */
  public static MonthlyReport write(Spec spec, Store store, MaintenanceCalendar maintenance,
      String client, YearMonth month, ReportFormat format, Clock clock, Path file)
      throws IOException {
    MonthlyReport r = build(spec, store, maintenance, client, month, clock);
    Files.write(file, render(r, format));
    return r;
  }

  /** The report in one format. */
  public static byte[] render(MonthlyReport r, ReportFormat format) {
    return switch (format) {
      case PDF -> Pdf.render(html(r));
      case HTML -> html(r).getBytes(StandardCharsets.UTF_8);
      case MD -> ReportMarkdown.of(r).getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The report as one self-contained XHTML page (charts inline), the source of the PDF. */
  public static String html(MonthlyReport r) {
    Map<String, String> charts = new LinkedHashMap<>();
    for (MonthlyReport.Slo s : r.slos()) {
      charts.put("daily:" + s.spec().name(), ReportCharts.dataUri(ReportCharts.daily(s)));
      charts.put("burn:" + s.spec().name(), ReportCharts.dataUri(ReportCharts.burnDown(s)));
    }
    return template("report/monthly.jte", Map.of("r", r, "charts", charts));
  }

  /** A proposal in one format. */
  public static byte[] render(Proposal p, ReportFormat format) {
    return switch (format) {
      case PDF -> Pdf.render(template("report/proposal.jte", Map.of("p", p)));
      case HTML -> template("report/proposal.jte", Map.of("p", p))
          .getBytes(StandardCharsets.UTF_8);
      case MD -> ProposalMarkdown.of(p).getBytes(StandardCharsets.UTF_8);
    };
  }

  static String template(String name, Map<String, Object> params) {
    StringOutput out = new StringOutput(64 * 1024);
    TEMPLATES.render(name, params, out);
    return out.toString();
  }

  /** The file name of a report: {@code acme-2026-10.pdf}. */
  public static String fileName(String client, YearMonth month, ReportFormat format) {
    return client + "-" + month + "." + format.id();
  }
}
