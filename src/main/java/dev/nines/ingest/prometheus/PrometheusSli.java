package dev.nines.ingest.prometheus;

import dev.nines.model.SliSource;
import dev.nines.model.SliSource.MetricQuery;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An SLO measured by Prometheus, as the queries Nines evaluates for each minute: good (or
 * bad) and total events, or an error ratio. Queries are kept as written in the spec; Sloth's
 * {@code {{.window}}} placeholder becomes {@code 1m} when a minute is evaluated
 * ({@link #perMinute}).
 *
 * @param good query of good events per second, or null
 * @param bad query of bad events per second, or null
 * @param total query of valid events per second, or null for a raw error ratio
 * @param errorRatio query of the error ratio (0 to 1), or null
 */
public record PrometheusSli(String slo, String good, String bad, String total, String errorRatio) {
  /** Sloth's window placeholder, spaces allowed as Go templates allow them. */
  private static final Pattern WINDOW = Pattern.compile("\\{\\{\\s*\\.window\\s*}}");

  public PrometheusSli {
    boolean counts = total != null && (good == null) != (bad == null) && errorRatio == null;
    boolean ratio = errorRatio != null && good == null && bad == null && total == null;
    if (!counts && !ratio) {
      throw new IllegalArgumentException(slo + ": queries good=" + good + " bad=" + bad
          + " total=" + total + " errorRatio=" + errorRatio
          + ". Expected good or bad with total, or errorRatio alone");
    }
  }

  /** Whether the SLO is a raw error ratio (every minute weighs the same). */
  public boolean rawRatio() {
    return errorRatio != null;
  }

  /** The queries as written, in the order good, bad, total, errorRatio, without absent ones. */
  public List<String> queries() {
    return Stream.of(good, bad, total, errorRatio).filter(q -> q != null).toList();
  }

  /** A query for one minute: every {@code {{.window}}} replaced by {@code 1m}. */
  public static String perMinute(String query) {
    return WINDOW.matcher(query).replaceAll(Matcher.quoteReplacement("1m"));
  }

  /** Whether a query has the {@code {{.window}}} placeholder. */
  public static boolean hasWindow(String query) {
    return WINDOW.matcher(query).find();
  }

  /** The Prometheus SLOs of a spec, and warnings about those Nines pulls partly or not at all. */
  public record Selection(List<PrometheusSli> slis, List<String> warnings) {
    public Selection {
      slis = List.copyOf(slis);
      warnings = List.copyOf(warnings);
    }

    /** The names of the selected SLOs, in spec order. */
    public List<String> names() {
      return slis.stream().map(PrometheusSli::slo).toList();
    }
  }

  /**
   * Picks every SLO whose queries all go to Prometheus. Threshold SLIs are left out with a
   * warning. Queries without {@code {{.window}}} and raw error ratios
   * are pulled, each with a warning that says what their minutes mean.
   */
  public static Selection select(Spec spec) {
    List<PrometheusSli> slis = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (SloSpec s : spec.slos()) {
      PrometheusSli sli = of(s, warnings);
      if (sli != null) {
        slis.add(sli);
        sli.queries().stream().filter(q -> !hasWindow(q)).forEach(q -> warnings.add("slo '"
            + s.name() + "': query '" + q + "' has no {{.window}}; its value is taken as a "
            + "per-second rate over the range it names, so its minutes are smoothed. Expected "
            + "rate(...[{{.window}}]) for exact minutes"));
        if (sli.rawRatio()) {
          warnings.add("slo '" + s.name() + "': an error ratio cannot be weighted by traffic, so "
              + "every minute with data counts as " + MinuteCounts.RAW_RATIO_WEIGHT
              + " events. Expected good (or bad) and valid queries for event-weighted minutes");
        }
      }
    }
    return new Selection(slis, warnings);
  }

  private static PrometheusSli of(SloSpec s, List<String> warnings) {
    return switch (s.sli().source()) {
      case SliSource.Ratio r when prometheus(r.good(), r.bad(), r.total()) ->
          new PrometheusSli(s.name(), text(r.good()), text(r.bad()), text(r.total()), null);
      case SliSource.RawErrorRatio r when prometheus(r.errorRatio()) ->
          new PrometheusSli(s.name(), null, null, null, text(r.errorRatio()));
      case SliSource.Threshold t when prometheus(t.metric()) -> {
        warnings.add("slo '" + s.name() + "': a Prometheus threshold SLI is not pulled. Expected "
            + "good (or bad) and valid queries, or an errorRatio query");
        yield null;
      }
      default -> null;
    };
  }

  private static boolean prometheus(MetricQuery... queries) {
    return Stream.of(queries).allMatch(q -> q == null
        || "prometheus".equals(q.sourceType().toLowerCase(Locale.ROOT)) && q.query() != null);
  }

  private static String text(MetricQuery q) {
    return q == null ? null : q.query();
  }
}
