package dev.nines.spec;

import dev.nines.model.Assertion;
import dev.nines.model.HttpCheck;
import dev.nines.model.MonitorKind;
import dev.nines.model.Durations;
import dev.nines.model.MonitorSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Reader of the {@code monitors} section of a native spec. */
final class MonitorReader {
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}");
  private static final String[] REQUEST_FIELDS = {"method", "url", "headers", "body",
      "expectStatus", "assertions", "maxResponseTime", "followRedirects", "verifyTls", "extract"};

  private final SpecReader spec;
  private final Names names = new Names("monitor");

  MonitorReader(SpecReader spec) {
    this.spec = spec;
  }

  MonitorSpec monitor(Fields f) {
    spec.remember(f);
    String name = names.declare(f);
    String service = f.requireString("service");
    if (service != null && !spec.services.contains(service)) {
      f.error("service", "unknown service '" + service + "'. Expected one declared under services");
    }
    MonitorKind kind = f.parsed("kind", MonitorKind::parse, true);
    if (kind == MonitorKind.EXTERNAL) {
      return allowing(f, List.of("name", "service", "kind", "interval", "regions"),
          external(f, name, service));
    }
    List<String> allowed = new ArrayList<>(List.of("name", "service", "kind", "depth",
        "interval", "timeout", "retries", "retryInterval", "regions"));
    Duration interval = ranged(f, "interval", Duration.ofMinutes(1), Duration.ofSeconds(1),
        Duration.ofDays(1));
    Duration timeout = ranged(f, "timeout", min(Duration.ofSeconds(10), interval),
        Duration.ofMillis(1), Duration.ofDays(1));
    if (timeout.compareTo(interval) > 0) {
      f.error("timeout", "timeout " + f.string("timeout") + " is longer than the interval "
          + f.string("interval") + ". Expected timeout <= interval");
    }
    int retries = f.integer("retries", 0, 0, 10);
    Duration retryInterval = ranged(f, "retryInterval", Duration.ofSeconds(5),
        Duration.ofMillis(100), Duration.ofHours(1));
    MonitorSpec.Depth depth = f.parsed("depth", s -> switch (s) {
      case "shallow" -> MonitorSpec.Depth.SHALLOW;
      case "deep" -> MonitorSpec.Depth.DEEP;
      default -> throw new IllegalArgumentException("'" + s + "' is not a depth. "
          + "Expected shallow or deep");
    }, false);
    List<String> regions = f.strings("regions");
    for (String r : regions) {
      if (!spec.regions.contains(r)) {
        f.error("regions", "unknown region '" + r + "'. Expected one of "
            + String.join(", ", spec.regions));
      }
    }
    boolean keepAlive = false;
    if (kind == MonitorKind.HTTP || kind == MonitorKind.JOURNEY) {
      allowed.add("keepAlive");
      keepAlive = f.bool("keepAlive", false);
    }
    String target = null;
    HttpCheck http = null;
    List<HttpCheck> steps = new ArrayList<>();
    Duration budget = null;
    int warnDays = 0;
    int failDays = 0;
    if (kind == MonitorKind.HTTP) {
      allowed.add("request");
      Fields r = f.map("request");
      if (r == null) {
        f.error("request", "is required for http monitors");
      } else {
        http = request(r, name, false);
      }
    } else if (kind == MonitorKind.TCP || kind == MonitorKind.TLS) {
      allowed.add("target");
      target = f.requireString("target");
      if (target != null && !HOST_PORT.matcher(target).matches()) {
        f.error("target", "'" + target + "' is not host:port. Expected e.g. api.example.com:443");
      }
      if (kind == MonitorKind.TLS) {
        allowed.addAll(List.of("warnDays", "failDays"));
        warnDays = f.integer("warnDays", 21, 0, 3650);
        failDays = f.integer("failDays", 7, 0, 3650);
        if (failDays < 0 || warnDays < failDays) {
          f.error("warnDays", "warnDays " + warnDays + " and failDays " + failDays
              + " are inconsistent. Expected 0 <= failDays <= warnDays");
        }
      }
    } else if (kind == MonitorKind.JOURNEY) {
      allowed.addAll(List.of("steps", "budget"));
      List<Fields> stepFields = f.maps("steps");
      if (stepFields.isEmpty()) {
        f.error("steps", "is required for journey monitors. Expected at least one step");
      }
      Set<String> stepNames = new LinkedHashSet<>();
      for (Fields s : stepFields) {
        HttpCheck step = request(s, null, true);
        if (step.name() != null && !stepNames.add(step.name())) {
          s.error("name", "duplicate step '" + step.name() + "'");
        }
        steps.add(step);
      }
      budget = ranged(f, "budget", timeout, Duration.ofMillis(1), Duration.ofDays(1));
    } else {
      // Unknown kind, already reported: do not also call its fields unknown.
      allowed.addAll(List.of("request", "target", "warnDays", "failDays", "steps", "budget"));
    }
    return allowing(f, allowed, new MonitorSpec(name, service, kind,
        depth == null ? MonitorSpec.Depth.SHALLOW : depth, interval, timeout, retries,
        retryInterval, regions, target, http, steps, budget, warnDays, failDays, keepAlive));
  }

  /** Reports every key of {@code f} outside {@code keys}, then gives {@code m} back. */
  private static MonitorSpec allowing(Fields f, List<String> keys, MonitorSpec m) {
    f.allowOnly(keys.toArray(String[]::new));
    return m;
  }

  /**
   * An external monitor: Nines runs nothing, its states come only from the observations API.
   * {@code interval} is how often the feed reports (it is silent, so UNKNOWN, after two);
   * {@code regions} name the feed's sources (default one, {@code external}).
   */
  private MonitorSpec external(Fields f, String name, String service) {
    Duration interval = ranged(f, "interval", Duration.ofMinutes(1), Duration.ofSeconds(1),
        Duration.ofDays(1));
    List<String> regions = f.strings("regions");
    Set<String> seen = new LinkedHashSet<>();
    for (String r : regions) {
      if (!r.matches("[a-z0-9][a-z0-9-]*")) {
        f.error("regions", "'" + r + "' is not a source name. Expected lower-case letters, "
            + "digits and dashes");
      } else if (!seen.add(r)) {
        f.error("regions", "duplicate source '" + r + "'");
      }
    }
    return new MonitorSpec(name, service, MonitorKind.EXTERNAL, MonitorSpec.Depth.SHALLOW,
        interval, interval, 0, interval, regions, null, null, List.of(), null, 0, 0, false);
  }

  private HttpCheck request(Fields r, String name, boolean step) {
    List<String> allowed = new ArrayList<>(List.of(REQUEST_FIELDS));
    if (step) {
      allowed.add("name");
      name = r.requireString("name");
    }
    r.allowOnly(allowed.toArray(String[]::new));
    String url = r.requireString("url");
    if (url != null) {
      checkUrl(r, url);
    }
    String method = r.string("method");
    Set<Integer> statuses = new LinkedHashSet<>();
    for (String s : r.strings("expectStatus")) {
      try {
        int code = Integer.parseInt(s.strip());
        if (code < 100 || code > 599) {
          throw new NumberFormatException();
        }
        statuses.add(code);
      } catch (NumberFormatException e) {
        r.error("expectStatus", "'" + s + "' is not an HTTP status. Expected 100 to 599");
      }
    }
    List<Assertion> assertions = new ArrayList<>();
    for (Fields a : r.maps("assertions")) {
      assertions.add(assertion(a));
    }
    return new HttpCheck(name, method == null ? "GET" : method.toUpperCase(Locale.ROOT), url,
        r.stringMap("headers"), r.string("body"), statuses, assertions,
        r.duration("maxResponseTime", false, Duration.ofMillis(1), Duration.ofHours(1)),
        r.bool("followRedirects", true),
        r.bool("verifyTls", true), r.stringMap("extract"));
  }

  private static void checkUrl(Fields r, String url) {
    // Journey steps may carry ${variables}; check the URL with them replaced.
    String plain = url.replaceAll("\\$\\{[A-Za-z0-9_]+}", "x");
    try {
      URI u = new URI(plain);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new URISyntaxException(url, "no http(s) scheme or host");
      }
    } catch (URISyntaxException e) {
      r.error("url", "'" + url + "' is not an http(s) URL. Expected e.g. https://api.example.com/healthz");
    }
  }

  private static Assertion assertion(Fields a) {
    a.allowOnly("contains", "regex", "jsonPath", "equals");
    long kinds = java.util.stream.Stream.of("contains", "regex", "jsonPath").filter(a::has).count();
    if (kinds > 1) {
      a.problems().error(a.location(), a.path(), "has more than one of contains, regex and "
          + "jsonPath. Expected one check per assertion");
    } else if (a.has("equals") && !a.has("jsonPath")) {
      a.error("equals", "is only used with jsonPath");
    }
    if (a.has("contains")) {
      return new Assertion(Assertion.Type.CONTAINS, null, a.string("contains"));
    }
    if (a.has("regex")) {
      String re = a.string("regex");
      try {
        Pattern.compile(re);
      } catch (RuntimeException e) {
        a.error("regex", "'" + re + "' is not a regular expression");
      }
      return new Assertion(Assertion.Type.REGEX, null, re);
    }
    String path = a.string("jsonPath");
    if (path == null) {
      a.problems().error(a.location(), a.path(), "is empty. Expected one of contains, regex "
          + "or jsonPath");
    } else if (!path.startsWith("$")) {
      a.error("jsonPath", "'" + path + "' does not start with $. Expected e.g. $.status");
    }
    return new Assertion(Assertion.Type.JSON_PATH, path, a.string("equals"));
  }

  /** A duration in [min, max], or the fallback when absent or wrong (reported). */
  private static Duration ranged(Fields f, String key, Duration fallback, Duration min,
      Duration max) {
    if (f.raw(key) instanceof YamlNode.Scalar s && s.text() != null && isZero(s.text())) {
      f.error(key, "is zero. Expected a positive duration");
      return fallback;
    }
    Duration d = f.duration(key, false, min, max);
    return d == null ? fallback : d;
  }

  private static boolean isZero(String text) {
    try {
      return Durations.parse(text).isZero();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
