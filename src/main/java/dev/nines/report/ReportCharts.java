package dev.nines.report;

import dev.nines.view.ClientCompliance;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The two charts of each SLO in a monthly report, drawn by JFreeChart as PNG at twice their
 * printed size: the daily SLI against the target, and the month's budget burn-down.
 */
final class ReportCharts {
  static final int WIDTH = 520;
  static final int HEIGHT = 260;
  private static final Color INK = new Color(0x1c2430);
  private static final Color MUTED = new Color(0x667085);
  private static final Color LINE = new Color(0xe3e6eb);
  private static final Color ACCENT = new Color(0x2f5bd3);
  private static final Color BAD = new Color(0xd1343b);
  private static final Color OK = new Color(0x1f9d55);

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ReportCharts() {}

  /** The daily SLI in percent (gaps for days without data) with the target as a line. */
  static byte[] daily(MonthlyReport.Slo s) {
    XYSeries sli = new XYSeries("SLI", false, true);
    double min = s.spec().target().ratio() * 100;
    for (ClientCompliance.Day d : s.days()) {
      if (d.counts().valid() == 0) {
        sli.add(d.date().getDayOfMonth(), null);
      } else {
        double v = d.counts().ratio() * 100;
        sli.add(d.date().getDayOfMonth(), v);
        min = Math.min(min, v);
      }
    }
    double target = s.spec().target().ratio() * 100;
    double span = Math.max(100 - min, 100 - target) * 1.15;
    XYPlot plot = plot(new XYSeriesCollection(sli), s.days().size(), 100 - Math.max(span, 0.01),
        100, true);
    ValueMarker m = new ValueMarker(target, BAD, new BasicStroke(1.6f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
    plot.addRangeMarker(m);
    return png(plot);
  }

  /** The share of the month's budget left at each day's end, in percent, against zero. */
  static byte[] burnDown(MonthlyReport.Slo s) {
    XYSeries left = new XYSeries("Budget left", false, true);
    double min = 0;
    for (int i = 0; i < s.burnDown().size(); i++) {
      double v = s.burnDown().get(i) * 100;
      left.add(i + 1, v);
      min = Math.min(min, v);
    }
    XYPlot plot = plot(new XYSeriesCollection(left), s.days().size(), Math.floor(min / 25) * 25
        - (min < 0 ? 5 : 0), 105, false);
    plot.addRangeMarker(new ValueMarker(0, BAD, new BasicStroke(1.2f)));
    return png(plot);
  }

  private static XYPlot plot(XYSeriesCollection data, int days, double low, double high,
      boolean sliAxis) {
    NumberAxis x = new NumberAxis("day of the month");
    x.setRange(0.5, days + 0.5);
    x.setTickUnit(new NumberTickUnit(days > 15 ? 5 : 1, new DecimalFormat("0")));
    NumberAxis y = new NumberAxis(sliAxis ? "SLI %" : "budget left %");
    y.setRange(low, high);
    y.setTickUnit(new NumberTickUnit(step((high - low) / 5)));
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
    y.setNumberFormatOverride(new DecimalFormat(high - low < 0.2 ? "0.000" : high - low < 2
        ? "0.00" : high - low < 20 ? "0.0" : "0", symbols));
    for (NumberAxis a : List.of(x, y)) {
      a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      a.setLabelPaint(MUTED);
      a.setTickLabelPaint(MUTED);
      a.setAxisLinePaint(LINE);
      a.setTickMarkPaint(LINE);
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, sliAxis ? ACCENT : OK);
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(LINE);
    plot.setDomainGridlinesVisible(false);
    plot.setOutlineVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    return plot;
  }

  /** The first of 1, 2, 2.5 and 5 times a power of ten at or above {@code raw}. */
  static double step(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= raw) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static byte[] png(XYPlot plot) {
    JFreeChart chart = new JFreeChart(null, new Font(Font.SANS_SERIF, Font.PLAIN, 11), plot,
        false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    BufferedImage img = new BufferedImage(WIDTH * 2, HEIGHT * 2, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.scale(2, 2);
    chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A PNG as a {@code data:} URI for an {@code <img>}. */
  static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  /** Ink colour, for templates that want to match. */
  static Color ink() {
    return INK;
  }
}
