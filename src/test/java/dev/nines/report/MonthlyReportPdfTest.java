package dev.nines.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.format.Fmt;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The October 2026 report of Acme Logistics as a client downloads it: every figure of the PDF's
 * summary table equals what the API answers for the same month, and every page renders.
 */
class MonthlyReportPdfTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static ReportServer s;
  static Path pdf;
  static String text;
  /**
   * The text in reading order with its runs of white space (line breaks of wrapped sentences
   * and table cells) as one space.
   */
  static String flat;

  @BeforeAll
  static void start() throws Exception {
    Poppler.require();
    s = new ReportServer(dir.resolve("data"));
    HttpResponse<byte[]> r = s.get("/api/v1/reports/acme/2026-10.pdf");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
    pdf = Path.of("target/reports/acme-2026-10.pdf");
    Files.createDirectories(pdf.getParent());
    Files.write(pdf, r.body());
    text = unligate(Poppler.text(pdf));
    flat = unligate(Poppler.text(pdf, false)).replaceAll("\\s+", " ");
  }

  /** DejaVu sets fi, fl and ff as ligatures; pdftotext prints them as one character. */
  private static String unligate(String s) {
    return s.replace("\ufb00", "ff").replace("\ufb01", "fi").replace("\ufb02", "fl");
  }

  @AfterAll
  static void stop() {
    if (s != null) {
      s.close();
    }
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<byte[]> r = s.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** The summary table's line of an objective in the PDF's text. */
  private static String row(String title) {
    return text.lines().filter(l -> l.strip().startsWith(title + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + title + " in\n" + text));
  }

  @Test
  void everyFigureOfTheSummaryTableIsTheApisForTheSameMonth() throws Exception {
    JsonNode report = json("/api/v1/reports/acme/2026-10");
    JsonNode portal = json("/api/v1/portal?client=acme&month=2026-10");
    assertThat(report.get("slos")).hasSize(5);
    for (JsonNode slo : report.get("slos")) {
      JsonNode same = null;
      for (JsonNode p : portal.get("slos")) {
        if (p.get("name").asText().equals(slo.get("name").asText())) {
          same = p;
        }
      }
      assertThat(same).as(slo.get("name").asText()).isNotNull();
      // The report and the portal read the month through the same model: the same counts.
      assertThat(slo.get("good").asLong()).isEqualTo(same.get("monthGood").asLong());
      assertThat(slo.get("valid").asLong()).isEqualTo(same.get("monthValid").asLong());
      String line = row(slo.get("title").asText());
      double sli = (double) same.get("monthGood").asLong() / same.get("monthValid").asLong();
      assertThat(line).as(line).contains(Fmt.sli(sli))
          .contains(slo.get("target").asText() + " %")
          .contains(same.get("monthMet").asBoolean() ? " met " : " missed ")
          .contains(Fmt.pct(slo.get("budgetUsed").asDouble(), 1))
          .contains(slo.get("text").get("badAgainstAllowed").asText())
          .contains(slo.get("text").get("previous").asText())
          .contains(slo.get("text").get("change").asText());
      assertThat(slo.get("text").get("achieved").asText()).isEqualTo(Fmt.sli(sli));
    }
  }

  @Test
  void theFiguresAreTheSeededOnes() throws Exception {
    JsonNode report = json("/api/v1/reports/acme/2026-10");
    assertThat(report.get("hours").asInt()).isEqualTo(745);
    assertThat(report.get("met").asInt()).isEqualTo(4);
    // 745 hours of 1,000 assignments, 500 of them failed in the incident hour.
    assertThat(row("Courier assignment")).contains("99.933 %").contains("missed")
        .contains("134.2 %").contains("500 of 372 events").contains("100.000 %")
        .contains("−0.07 pts");
    // 7 minutes down of the 22m 21s that 99.95 % of 745 hours allows.
    assertThat(row("Platform availability")).contains("7m of 22m 21s");
    assertThat(flat).contains("4 of 5 objectives were met in October 2026. Courier assignment "
        + "missed its target by 0.02 points (99.933 % against 99.95 %) after the 12 October "
        + "incident.");
  }

  @Test
  void theReportCarriesItsPeriodIncidentsMaintenanceAndPageNumbers() {
    assertThat(flat).contains("Acme Logistics · October 2026")
        .contains("1–31 October 2026 · Europe/Berlin · 31 days · 745 hours")
        .contains("generated 18 Nov 2026 11:30").contains("Service disruption: Courier assignment")
        .contains("Root cause: A database failover took longer than").contains("Database upgrade")
        // 14:00–15:10 UTC and 00:00–01:00 UTC in the client's zone (CEST), each on one day.
        .contains("12 Oct 2026 16:00–17:10").contains("18 Oct 2026 02:00–03:00")
        .contains("Intervals count by the default rules")
        .contains("platform-health").contains("checked every 1m from 3 regions")
        .contains("Page 1 of ").doesNotContain("api-internal-errors")
        .doesNotContain("globex").doesNotContain("burn rate");
  }

  @Test
  void everyPageRendersWithInkInsideTheMarginsAndTheChartsDrawn() throws Exception {
    List<Path> pages = Poppler.pages(pdf, Path.of("target/reports/pages"), 60);
    int count = Poppler.pageCount(pdf);
    assertThat(pages).hasSize(count);
    assertThat(count).isBetween(3, 8);
    assertThat(text).contains("Page " + count + " of " + count)
        .doesNotContain("Page " + (count + 1) + " of");
    long sliLine = 0;
    long budgetLine = 0;
    for (Path p : pages) {
      BufferedImage img = ImageIO.read(p.toFile());
      // A4 at 60 dpi, with the 15 mm side margins of the report's @page: 35 px each side.
      assertThat(img.getWidth()).isBetween(495, 497);
      int margin = 35;
      // Past the first page (its heading and summary are blue too) the colours are the charts'.
      boolean charts = !p.equals(pages.get(0));
      long dark = 0;
      long outside = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          int rgb = img.getRGB(x, y);
          int r = rgb >> 16 & 0xff;
          int g = rgb >> 8 & 0xff;
          int b = rgb & 0xff;
          if (r + g + b < 300) {
            dark++;
          }
          if ((x < margin - 6 || x >= img.getWidth() - margin + 6) && r + g + b < 720) {
            outside++;
          }
          if (charts && b > 160 && r < 90 && g > 60 && g < 120) {
            sliLine++; // #2f5bd3
          }
          if (charts && g > 140 && r < 70 && b > 60 && b < 110) {
            budgetLine++; // #1f9d55
          }
        }
      }
      assertThat(dark).as(p + " has text on it").isGreaterThan(500);
      assertThat(outside).as(p + ": nothing runs into the side margins").isZero();
    }
    assertThat(sliLine).as("the daily SLI lines are drawn").isGreaterThan(50);
    assertThat(budgetLine).as("the budget burn-down lines are drawn").isGreaterThan(50);
  }

  @Test
  void everyFontIsEmbeddedSoThePagePrintsTheSameEverywhere() throws Exception {
    List<Poppler.Font> fonts = Poppler.fonts(pdf);
    assertThat(fonts).isNotEmpty();
    assertThat(fonts).allSatisfy(f -> assertThat(f.embedded()).as(f.name() + " is embedded")
        .isTrue());
    assertThat(fonts).extracting(f -> f.name().replaceFirst("^[A-Z]{6}\\+", ""))
        .contains("DejaVuSans", "DejaVuSans-Bold");
  }

  @Test
  void theFiguresHashIsInTheFooterAndTheSameForEveryFormatAndGeneration() throws Exception {
    JsonNode report = json("/api/v1/reports/acme/2026-10");
    String hash = report.get("figuresHash").asText();
    assertThat(flat).contains("figures " + hash.substring(0, 16)).contains(hash);
    s.clock.advance(java.time.Duration.ofHours(3));
    HttpResponse<byte[]> md = s.get("/api/v1/reports/acme/2026-10.md");
    assertThat(md.headers().firstValue("X-Nines-Figures")).hasValue(hash);
    assertThat(new String(md.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("Figures SHA-256: `" + hash + "`").contains("generated 18 Nov 2026 14:30");
  }
}
