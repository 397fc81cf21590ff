package dev.nines.demo;

import dev.nines.model.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo spec: the template {@value #TEMPLATE} rendered with this run's ports, regions and
 * check intervals. Check intervals are the template's at {@code --speed 1} and shrink with the
 * speed (never under {@link #MIN_INTERVAL}), so that a fault of two simulated minutes is still
 * seen by several checks.
 */
public final class DemoSpec {
  /** The template on the class path. */
  public static final String TEMPLATE = "/demo/acme-logistics.yaml";
  /** The probe region of the Nines server itself, then those of the agents. */
  public static final String SERVER_REGION = "eu-central";
  public static final List<String> AGENT_REGIONS = List.of("us-east", "ap-south");
  /** The shortest check interval at any speed. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

  private DemoSpec() {}

  /**
   * The values of one run.
   *
   * @param cdn the CDN as probes reach it, {@code http://localhost:PORT}
   * @param tlsTarget the CDN's HTTPS listener, {@code localhost:PORT}
   * @param regions the probe regions, the server's first
   * @param alertmanagerUrlFile the file holding a real Alertmanager's URL, or null
   * @param smtp a real SMTP server the client's notices also go to, or null
   */
  public record Values(URI cdn, String tlsTarget, List<String> regions, DemoTime time,
      Path oncallUrlFile, Path clientUrlFile, Path alertmanagerUrlFile, Smtp smtp) {
    /** Without a real Alertmanager or SMTP server. */
    public Values(URI cdn, String tlsTarget, List<String> regions, DemoTime time,
        Path oncallUrlFile, Path clientUrlFile) {
      this(cdn, tlsTarget, regions, time, oncallUrlFile, clientUrlFile, null, null);
    }
  }

  /**
   * An SMTP server from {@code smtp://[USER[:PASSWORD]@]HOST[:PORT][?tls=none|starttls]} (or
   * {@code smtps://}). The spec names only the file the password is kept in, never the
   * password.
   *
   * @param passwordFile where the password is written for the spec to read, or null
   */
  public record Smtp(String host, int port, String username, String password, String tls,
      Path passwordFile) {
    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException saying what is wrong with the URL
     */
    public static Smtp parse(String url) {
      String expected = ". Expected smtp://[USER[:PASSWORD]@]HOST[:PORT][?tls=none|starttls] "
          + "or smtps://...";
      URI u;
      try {
        u = URI.create(url.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + url + "' is not a URL" + expected);
      }
      String scheme = u.getScheme() == null ? ""
          : u.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("smtp") && !scheme.equals("smtps") || u.getHost() == null) {
        throw new IllegalArgumentException("'" + url + "' is not an SMTP URL" + expected);
      }
      String tls = scheme.equals("smtps") ? "tls" : "starttls";
      String query = u.getQuery() == null ? "" : u.getQuery();
      for (String part : query.split("&")) {
        if (part.isEmpty()) {
          continue;
        }
        if (!part.equals("tls=none") && !part.equals("tls=starttls") || scheme.equals("smtps")) {
          throw new IllegalArgumentException("'" + part + "': unknown. Expected tls=none or "
              + "tls=starttls with smtp://");
        }
        tls = part.substring(4);
      }
      int port = u.getPort() > 0 ? u.getPort() : tls.equals("tls") ? 465
          : tls.equals("none") ? 25 : 587;
      String user = null;
      String password = null;
      if (u.getUserInfo() != null) {
        String[] up = u.getUserInfo().split(":", 2);
        user = up[0];
        password = up.length == 2 ? up[1] : null;
      }
      return new Smtp(u.getHost(), port, user, password, tls, null);
    }

    /** Writes the password (if any) to {@code file}, for the spec's {@code file:} reference. */
    public Smtp withPasswordIn(Path file) throws IOException {
      if (password == null) {
        return this;
      }
      java.nio.file.Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
      return new Smtp(host, port, username, password, tls, file);
    }
  }

  /** The rendered spec text. */
  public static String render(Values v) throws IOException {
    return render(template(), placeholders(v));
  }

  /** The template text. */
  public static String template() throws IOException {
    try (InputStream in = DemoSpec.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IOException(TEMPLATE + ": not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Map<String, String> placeholders(Values v) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("regions", "[" + String.join(", ", v.regions()) + "]");
    m.put("quorum", Integer.toString(v.regions().size() / 2 + 1));
    m.put("cdnUrl", v.cdn().toString());
    m.put("tlsTarget", v.tlsTarget());
    interval(m, v.time(), "shallow", Duration.ofSeconds(15), Duration.ofSeconds(5));
    m.put("shallowRetryInterval", format(scaled(v.time(), Duration.ofSeconds(5))));
    interval(m, v.time(), "deep", Duration.ofMinutes(1), Duration.ofSeconds(10));
    m.put("deepRetryInterval", format(scaled(v.time(), Duration.ofSeconds(10))));
    interval(m, v.time(), "journey", Duration.ofMinutes(1), Duration.ofSeconds(30));
    m.put("tlsInterval", format(scaled(v.time(), Duration.ofMinutes(2))));
    m.put("oncallUrlFile", v.oncallUrlFile().toAbsolutePath().toString());
    m.put("clientUrlFile", v.clientUrlFile().toAbsolutePath().toString());
    m.put("extraChannels", extraChannels(v));
    return m;
  }

  /** A real Alertmanager for the team's alerts and a real mailbox for the client's notices. */
  private static String extraChannels(Values v) {
    StringBuilder b = new StringBuilder();
    if (v.alertmanagerUrlFile() != null) {
      b.append("  - name: alertmanager\n    kind: alertmanager\n    audience: internal\n")
          .append("    url: file:").append(v.alertmanagerUrlFile().toAbsolutePath()).append('\n');
    }
    if (v.smtp() != null) {
      Smtp s = v.smtp();
      b.append("  - name: client-email\n    kind: email\n    audience: client\n")
          .append("    client: acme\n    to: [dana.fischer@acme.example]\n")
          .append("    from: Nines demo <nines@demo.example>\n")
          .append("    smtp: {host: ").append(s.host()).append(", port: ").append(s.port())
          .append(", tls: ").append(s.tls());
      if (s.username() != null) {
        b.append(", username: ").append(s.username());
      }
      if (s.passwordFile() != null) {
        b.append(", password: file:").append(s.passwordFile().toAbsolutePath());
      }
      b.append("}\n");
    }
    return b.toString();
  }

  private static void interval(Map<String, String> m, DemoTime time, String name,
      Duration interval, Duration timeout) {
    Duration i = scaled(time, interval);
    m.put(name + "Interval", format(i));
    m.put(name + "Timeout", format(timeout.compareTo(i) > 0 ? i : timeout));
  }

  /** {@code d} at the demo's speed, in whole milliseconds, at least {@link #MIN_INTERVAL}. */
  static Duration scaled(DemoTime time, Duration d) {
    Duration s = time.real(d).truncatedTo(ChronoUnit.MILLIS);
    return s.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : s;
  }

  private static String format(Duration d) {
    return Durations.format(d);
  }

  /**
   * Replaces every {@code {{name}}} of {@code template}.
   *
   * @throws IllegalArgumentException naming a placeholder without a value, or a value no
   *     placeholder uses
   */
  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    java.util.Set<String> used = new java.util.HashSet<>();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("{{" + m.group(1) + "}}: no value. Expected one of "
            + values.keySet());
      }
      used.add(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    for (String key : values.keySet()) {
      if (!used.contains(key)) {
        throw new IllegalArgumentException("{{" + key + "}}: not in the template. Expected "
            + "every value to be used");
      }
    }
    return out.toString();
  }
}
