package dev.nines.web;

import dev.nines.model.Audience;
import dev.nines.model.SliKind;
import dev.nines.view.SloFilter;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Query parameters shared by pages and the API: SLO filters, pages and time ranges. Bad
 * values throw IllegalArgumentException with the parameter's name, which callers answer
 * with 400.
 */
public final class Params {
  /** Time ranges a monitor or journey page offers. */
  public static final Map<String, Duration> RANGES = Map.of("1h", Duration.ofHours(1),
      "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));

  private Params() {}

  /** The SLO filter of {@code client, service, kind, alert, audience, q}. */
  public static SloFilter sloFilter(Context ctx) {
    SliKind kind = blank(ctx.queryParam("kind")) ? null : SliKind.parse(ctx.queryParam("kind"));
    Audience audience = null;
    String a = ctx.queryParam("audience");
    if (!blank(a)) {
      try {
        audience = Audience.valueOf(a.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("audience: '" + a + "' is not an audience. "
            + "Expected client or internal");
      }
    }
    return new SloFilter(orNull(ctx.queryParam("client")), orNull(ctx.queryParam("service")),
        kind, orNull(ctx.queryParam("alert")), audience, ctx.queryParam("q"));
  }

  /** A positive integer parameter, or {@code fallback} when absent. */
  public static int integer(Context ctx, String name, int fallback) {
    String v = ctx.queryParam(name);
    if (blank(v)) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + v + "' is not a number");
    }
  }

  /** The {@code range} parameter: 1h, 24h (default) or 7d. */
  public static String range(Context ctx) {
    String r = ctx.queryParam("range");
    if (blank(r)) {
      return "24h";
    }
    if (!RANGES.containsKey(r)) {
      throw new IllegalArgumentException("range: '" + r + "' is not a range. Expected 1h, 24h "
          + "or 7d");
    }
    return r;
  }

  /**
   * An ISO-8601 instant parameter ({@code 2026-11-18T10:00:00Z}), or {@code fallback} when
   * absent.
   */
  public static java.time.Instant instant(Context ctx, String name, java.time.Instant fallback) {
    String v = ctx.queryParam(name);
    if (blank(v)) {
      return fallback;
    }
    try {
      return java.time.Instant.parse(v.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(name + ": '" + v + "' is not a time. Expected an "
          + "ISO-8601 instant such as 2026-11-18T10:00:00Z");
    }
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static String orNull(String s) {
    return blank(s) ? null : s.strip();
  }
}
