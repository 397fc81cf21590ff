package dev.nines.format;

import dev.nines.slo.SloStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, durations and times read on the pages: one place, so every page agrees. */
public final class Fmt {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter SHORT =
      DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT);

  private Fmt() {}

  /** A 0–1 ratio as a percentage with {@code digits} decimals: {@code 99.950 %}. */
  public static String pct(double ratio, int digits) {
    if (!Double.isFinite(ratio)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%." + digits + "f %%", ratio * 100).replace("-", "−");
  }

  /** An SLI: three decimals, {@code 99.950 %}. */
  public static String sli(double ratio) {
    return pct(ratio, 3);
  }

  /** A share of budget: one decimal, negative when overspent. */
  public static String budget(double ratio) {
    return pct(ratio, 1);
  }

  /** A burn rate: {@code 0.42×}, {@code 14.4×}, {@code 120×}. */
  public static String burn(double rate) {
    if (!Double.isFinite(rate)) {
      return "∞";
    }
    return rate >= 100 ? String.format(Locale.ROOT, "%.0f×", rate)
        : rate >= 10 ? String.format(Locale.ROOT, "%.1f×", rate)
        : String.format(Locale.ROOT, "%.2f×", rate);
  }

  /** The CSS class of a budget left: {@code ok} above half, {@code warn} above zero, else {@code bad}. */
  public static String budgetClass(double ratio) {
    return ratio > 0.5 ? "ok" : ratio > 0 ? "warn" : "bad";
  }

  /**
   * A duration in its two largest units: {@code 3d 4h}, {@code 5m 10s}, {@code 7.5s},
   * {@code 450 ms}.
   */
  public static String dur(Duration d) {
    if (d == null) {
      return "–";
    }
    long s = d.toSeconds();
    if (s == 0) {
      return d.toMillis() + " ms";
    }
    long days = s / 86400;
    long h = s % 86400 / 3600;
    long m = s % 3600 / 60;
    long sec = s % 60;
    if (days > 0) {
      return h == 0 ? days + "d" : days + "d " + h + "h";
    }
    if (h > 0) {
      return m == 0 ? h + "h" : h + "h " + m + "m";
    }
    if (m > 0) {
      return sec == 0 ? m + "m" : m + "m " + sec + "s";
    }
    long tenths = d.toMillis() % 1000 / 100;
    return tenths == 0 ? sec + "s" : sec + "." + tenths + "s";
  }

  /**
   * When the budget is gone at a forecast's pace: {@code never}, {@code spent} (nothing is
   * left) or {@code in 3d 4h}.
   */
  public static String exhaustion(SloStatus.Forecast f) {
    if (f.exhaustion() == null) {
      return "never";
    }
    return f.exhaustion().isZero() ? "spent" : "in " + dur(f.exhaustion());
  }

  /**
   * When an SLO's budget is gone: {@code spent} once nothing is left (whatever the pace now),
   * else at the soonest forecast, or {@code never} when no forecast runs out.
   */
  public static String budgetGone(SloStatus s) {
    if (s.budget().remainingRatio() <= 0) {
      return "spent";
    }
    SloStatus.Forecast soonest = soonest(s);
    return soonest == null ? "never" : exhaustion(soonest);
  }

  /** A count with its noun, singular for one: {@code 1 step}, {@code 3 steps}, {@code 0 steps}. */
  public static String plural(long n, String noun) {
    return count(n) + " " + (n == 1 ? noun : noun + "s");
  }

  /**
   * A monitor's retries: {@code no retries}, {@code 1 retry after 5s} or
   * {@code 2 retries 5s apart}.
   */
  public static String retries(int n, Duration apart) {
    return n == 0 ? "no retries" : n == 1 ? "1 retry after " + dur(apart)
        : n + " retries " + dur(apart) + " apart";
  }

  /**
   * Milliseconds of time as minutes and seconds, for bad time and valid time of uptime SLOs:
   * {@code 3m 32s} for 212,043 ms, {@code 1d 2h 3m}, {@code 0.4s}; exact below a second.
   */
  public static String millisAsTime(long millis) {
    if (millis < 1000) {
      return millis == 0 ? "0s" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long s = millis / 1000;
    long days = s / 86400;
    long h = s % 86400 / 3600;
    long m = s % 3600 / 60;
    long sec = s % 60;
    StringBuilder b = new StringBuilder();
    if (days > 0) {
      b.append(days).append("d ");
    }
    if (days > 0 || h > 0) {
      b.append(h).append("h ");
    }
    b.append(m).append("m");
    if (days == 0) {
      b.append(' ').append(sec).append('s');
    }
    return b.toString();
  }

  /** The soonest exhaustion among the forecasts, or null when none runs out. */
  public static SloStatus.Forecast soonest(SloStatus s) {
    SloStatus.Forecast best = null;
    for (SloStatus.Forecast f : s.forecasts()) {
      if (f.exhaustion() != null && (best == null || f.exhaustion().compareTo(best.exhaustion()) < 0)) {
        best = f;
      }
    }
    return best;
  }

  /** A time in the zone: {@code 2026-11-25 14:03:05}. */
  public static String time(Instant t, ZoneId zone) {
    return t == null ? "–" : TIME.format(t.atZone(zone));
  }

  /** A short time: {@code Nov 25 14:03}. */
  public static String shortTime(Instant t, ZoneId zone) {
    return t == null ? "–" : SHORT.format(t.atZone(zone));
  }

  /** Milliseconds with one decimal, or a dash when absent. */
  public static String ms(Double millis) {
    return millis == null ? "–" : String.format(Locale.ROOT, "%.1f ms", millis);
  }

  /** A chart step in words: {@code minute}, {@code 5 minutes}, {@code hour}. */
  public static String step(Duration step) {
    if (step.equals(Duration.ofMinutes(1))) {
      return "minute";
    }
    if (step.equals(Duration.ofHours(1))) {
      return "hour";
    }
    return step.toMinutes() + " minutes";
  }

  /** "every 30s": the check interval shown next to every uptime figure. */
  public static String every(Duration interval) {
    return "checked every " + dur(interval);
  }

  /** Position of {@code t} on a 0–1000 axis from {@code from} to {@code to}. */
  public static String x(Instant t, Instant from, Instant to) {
    double span = Math.max(1, Duration.between(from, to).toMillis());
    double v = Duration.between(from, t).toMillis() / span * 1000;
    return String.format(Locale.ROOT, "%.2f", Math.max(0, Math.min(1000, v)));
  }

  /** Width of {@code [a, b)} on a 0–1000 axis from {@code from} to {@code to}. */
  public static String w(Instant a, Instant b, Instant from, Instant to) {
    double span = Math.max(1, Duration.between(from, to).toMillis());
    return String.format(Locale.ROOT, "%.2f", Duration.between(a, b).toMillis() / span * 1000);
  }

  /** The first value of a query parameter, or "" when absent. */
  public static String first(java.util.Map<String, java.util.List<String>> q, String name) {
    java.util.List<String> v = q.get(name);
    return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0);
  }

  /** The burn rate over {@code lookback} among the forecasts, or NaN when it has none. */
  public static double burnOver(SloStatus s, Duration lookback) {
    for (SloStatus.Forecast f : s.forecasts()) {
      if (f.lookback().equals(lookback)) {
        return f.burnRate();
      }
    }
    return Double.NaN;
  }

  /** CSS class of a burn rate: {@code bad} at 10× or more, {@code warn} above 1×. */
  public static String burnClass(double rate) {
    return rate >= 10 ? "bad" : rate > 1 ? "warn" : "ok";
  }

  /** Width (0–100) of a budget bar for a share left, clipped to the bar. */
  public static String barWidth(double ratio) {
    return String.format(Locale.ROOT, "%.1f", Math.max(0, Math.min(1, ratio)) * 100);
  }

  /**
   * What a monitor checks, without secrets: {@code GET https://host/path} with no user info,
   * query or headers; {@code host:port} for TCP and TLS checks; the step count of a journey.
   */
  public static String target(dev.nines.model.MonitorSpec m) {
    if (m.http() != null) {
      try {
        java.net.URI u = java.net.URI.create(m.http().url());
        String method = m.http().method() == null ? "GET" : m.http().method().toUpperCase(Locale.ROOT);
        return method + " " + u.getScheme() + "://" + u.getHost()
            + (u.getPort() > 0 ? ":" + u.getPort() : "") + (u.getPath() == null ? "" : u.getPath());
      } catch (IllegalArgumentException e) {
        return "(unparsable URL)";
      }
    }
    if (m.target() != null) {
      return m.target();
    }
    return m.steps().size() + " steps";
  }

  /** Phase widths of an attempt on a 0–300 axis scaled to {@code maxMillis}. */
  public static String px(Double millis, double maxMillis) {
    double v = millis == null || maxMillis <= 0 ? 0 : millis / maxMillis * 300;
    return String.format(Locale.ROOT, "%.1f", Math.max(0, v));
  }

  /**
   * What an SLO's good and valid count: {@code ms} of time for uptime SLIs, {@code slices} for
   * time-slice budgeting, else {@code events}.
   */
  public static String units(dev.nines.model.SloSpec slo) {
    dev.nines.slo.TimeSlices slices = dev.nines.slo.TimeSlices.of(slo.budgeting());
    if (slices != null) {
      return (slices.ratioUnits() ? "millionths of " : "") + slices.sliceMinutes() + "-minute slices";
    }
    return slo.sli().kind() == dev.nines.model.SliKind.UPTIME ? "ms" : "events";
  }

  /** A count with thousands separators: {@code 3,601,000}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static final DateTimeFormatter DAY_MONTH =
      DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

  /** A month as people write it: {@code October 2026}. */
  public static String month(java.time.YearMonth m) {
    return MONTH.format(m);
  }

  /** A day as people write it: {@code 12 October}. */
  public static String dayMonth(java.time.LocalDate d) {
    return DAY_MONTH.format(d);
  }

  /** A date as people write it: {@code 12 October 2026}. */
  public static String date(java.time.LocalDate d) {
    return d == null ? "–" : DATE.format(d);
  }

  /** A time for people: {@code 12 Oct 2026 14:03} in the zone. */
  public static String when(Instant t, ZoneId zone) {
    return t == null ? "–" : DATE_TIME.format(t.atZone(zone));
  }

  /**
   * A difference of two 0–1 ratios in percentage points, two decimals and no sign:
   * {@code 0.03 points}.
   */
  public static String points(double ratioDifference) {
    return String.format(Locale.ROOT, "%.2f", Math.abs(ratioDifference) * 100)
        + (Math.abs(Math.abs(ratioDifference) * 100 - 1) < 0.005 ? " point" : " points");
  }

  /** A change in percentage points with its sign: {@code +0.02 pts}, {@code −0.10 pts}. */
  public static String pointsChange(double ratioDifference) {
    double p = ratioDifference * 100;
    if (Math.abs(p) < 0.005) {
      return "±0.00 pts";
    }
    return (p > 0 ? "+" : "−") + String.format(Locale.ROOT, "%.2f", Math.abs(p)) + " pts";
  }

  /**
   * A budget share for people, clamped so an overspent budget reads as how far over it is:
   * {@code 62 % left}, {@code all spent} or {@code spent 3.1× the allowance}.
   */
  public static String budgetLeft(double remainingRatio) {
    if (!Double.isFinite(remainingRatio)) {
      return "–";
    }
    if (remainingRatio >= 0) {
      return String.format(Locale.ROOT, "%.0f %% left", Math.min(1, remainingRatio) * 100);
    }
    double spent = 1 - remainingRatio;
    return spent < 1.05 ? "all spent" : "spent " + times(spent) + " the allowance";
  }

  /** A budget spent as a share: {@code 38 %} up to the allowance, {@code 3.1×} past it. */
  public static String budgetUsed(double consumedRatio) {
    if (!Double.isFinite(consumedRatio)) {
      return "–";
    }
    return consumedRatio <= 1 ? String.format(Locale.ROOT, "%.1f %%", consumedRatio * 100)
        : times(consumedRatio) + " the allowance";
  }

  /** A multiple: {@code 3.1×}, {@code 12×}, {@code 1,999×}. */
  public static String times(double x) {
    return x >= 10 ? String.format(Locale.ROOT, "%,.0f×", x)
        : String.format(Locale.ROOT, "%.1f×", x);
  }

  /** An SLI for clients, as {@link #sli} ({@code 99.947 %}), or {@code no data yet}. */
  public static String achieved(dev.nines.slo.Counts c) {
    return c.valid() == 0 ? "no data yet" : sli(c.ratio());
  }

  /** A target as written: {@code 99.95 %}. */
  public static String target(dev.nines.model.Target t) {
    return t.percent().toPlainString() + " %";
  }

  /** Milliseconds of time as a duration: {@code 12m 30s}. */
  public static String millis(long ms) {
    return dur(Duration.ofMillis(ms));
  }

  /** Seconds (exact decimal) as a duration: {@code 44m 38s}. */
  public static String seconds(java.math.BigDecimal seconds) {
    return dur(Duration.ofMillis(seconds.movePointRight(3).setScale(0,
        java.math.RoundingMode.HALF_EVEN).longValueExact()));
  }
}
