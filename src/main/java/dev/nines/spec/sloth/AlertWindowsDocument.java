package dev.nines.spec.sloth;

import dev.nines.model.AlertWindow;
import dev.nines.model.Severity;
import dev.nines.spec.Fields;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Sloth {@code AlertWindows} document ({@code apiVersion: sloth.slok.dev/v1}). Each
 * condition's {@code errorBudgetPercent} becomes a budget share (percent / 100), so its factor
 * scales with the SLO window: 2 % in 1 h of 30 d is 14.4.
 */
final class AlertWindowsDocument {
  static final String API_VERSION = "sloth.slok.dev/v1";
  static final String KIND = "AlertWindows";

  private AlertWindowsDocument() {}

  /** Whether a document is an AlertWindows document. */
  static boolean is(Fields doc) {
    return API_VERSION.equals(doc.string("apiVersion")) && KIND.equals(doc.string("kind"));
  }

  /** The windows of one document, or null (reported). */
  static SlothAlertWindows read(Fields doc) {
    doc.allowOnly("apiVersion", "kind", "spec");
    if (!API_VERSION.equals(doc.string("apiVersion"))) {
      doc.error("apiVersion", doc.string("apiVersion") + " is not Sloth's. Expected "
          + API_VERSION);
    }
    if (!KIND.equals(doc.string("kind"))) {
      doc.error("kind", doc.string("kind") + " is not an alert windows kind. Expected " + KIND);
    }
    Fields spec = doc.map("spec");
    if (spec == null) {
      if (!doc.has("spec")) {
        doc.problems().error(doc.location(), doc.pathOf("spec"), "is required. Expected "
            + "sloPeriod, page and ticket");
      }
      return null;
    }
    spec.allowOnly("sloPeriod", "page", "ticket");
    Duration period = spec.duration("sloPeriod", true);
    List<AlertWindow> windows = new ArrayList<>();
    boolean complete = pair(spec, "page", Severity.PAGE, windows)
        & pair(spec, "ticket", Severity.TICKET, windows);
    return period == null || !complete ? null : new SlothAlertWindows(period, windows);
  }

  private static boolean pair(Fields spec, String key, Severity severity,
      List<AlertWindow> out) {
    Fields pair = spec.map(key);
    if (pair == null) {
      if (!spec.has(key)) {
        required(spec, key, "quick and slow windows");
      }
      return false;
    }
    pair.allowOnly("quick", "slow");
    AlertWindow quick = window(pair, "quick", severity);
    AlertWindow slow = window(pair, "slow", severity);
    if (quick == null || slow == null) {
      return false;
    }
    out.add(quick);
    out.add(slow);
    return true;
  }

  private static AlertWindow window(Fields pair, String key, Severity severity) {
    Fields w = pair.map(key);
    if (w == null) {
      if (!pair.has(key)) {
        required(pair, key, "errorBudgetPercent, shortWindow and longWindow");
      }
      return null;
    }
    w.allowOnly("errorBudgetPercent", "shortWindow", "longWindow");
    BigDecimal percent = w.parsed("errorBudgetPercent", AlertWindowsDocument::percent, true);
    Duration shortWindow = w.duration("shortWindow", true);
    Duration longWindow = w.duration("longWindow", true);
    if (percent == null || shortWindow == null || longWindow == null) {
      return null;
    }
    try {
      return new AlertWindow(severity, longWindow, shortWindow,
          percent.movePointLeft(2).stripTrailingZeros(), null);
    } catch (IllegalArgumentException e) {
      w.error("shortWindow", e.getMessage());
      return null;
    }
  }

  private static BigDecimal percent(String text) {
    BigDecimal p;
    try {
      p = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(text + " is not a number");
    }
    if (p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException(text.strip() + " is out of range. Expected "
          + "0 < errorBudgetPercent <= 100");
    }
    return p;
  }

  static void required(Fields f, String key, String expected) {
    f.problems().error(f.location(), f.pathOf(key), "is required. Expected " + expected);
  }
}
