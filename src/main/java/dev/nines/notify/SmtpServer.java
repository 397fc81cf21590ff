package dev.nines.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The SMTP server an email channel sends through, its password resolved: from the channel's
 * {@code smtp} settings, or else from {@code NINES_SMTP_URL}, written
 * {@code smtp://[USER[:PASSWORD]@]HOST[:PORT][?tls=none|starttls]} (STARTTLS by default) or
 * {@code smtps://...} (TLS from the first byte). The port defaults to 587 with STARTTLS, 465
 * with TLS and 25 without.
 *
 * @param tls {@code none}, {@code starttls} (required, never skipped) or {@code tls}
 */
record SmtpServer(String host, int port, String username, String password, String tls) {
  static final String URL_VARIABLE = "NINES_SMTP_URL";

  SmtpServer {
    if (port == 0) {
      port = switch (tls) {
        case "tls" -> 465;
        case "none" -> 25;
        default -> 587;
      };
    }
  }

  /** The server of a channel's settings, else of NINES_SMTP_URL. */
  static SmtpServer of(String what, Map<String, String> settings, Secrets secrets)
      throws DeliveryException {
    if (settings.containsKey("smtp.host")) {
      String ref = settings.get("smtp.password");
      return new SmtpServer(settings.get("smtp.host"),
          Integer.parseInt(settings.getOrDefault("smtp.port", "0")), settings.get("smtp.username"),
          ref == null ? null : secrets.resolve(what + ": smtp.password", ref),
          settings.getOrDefault("smtp.tls", "starttls"));
    }
    String url = secrets.variable(URL_VARIABLE);
    if (url == null) {
      throw new DeliveryException(what + ": no SMTP server. Expected smtp: {host: ...} in the "
          + "channel or the environment variable " + URL_VARIABLE, false);
    }
    return parse(what, url);
  }

  /** The server of an {@code smtp://} or {@code smtps://} URL. */
  static SmtpServer parse(String what, String url) throws DeliveryException {
    URI u;
    try {
      u = new URI(url.strip());
    } catch (URISyntaxException e) {
      u = null;
    }
    if (u == null || u.getHost() == null
        || !("smtp".equals(u.getScheme()) || "smtps".equals(u.getScheme()))) {
      throw new DeliveryException(what + ": " + URL_VARIABLE + " is not an SMTP URL. Expected "
          + "smtp://[USER[:PASSWORD]@]HOST[:PORT][?tls=none|starttls] or smtps://...", true);
    }
    String tls = "smtps".equals(u.getScheme()) ? "tls" : "starttls";
    if (u.getRawQuery() != null) {
      for (String pair : u.getRawQuery().split("&")) {
        if (pair.equals("tls=none") || pair.equals("tls=starttls")) {
          tls = pair.substring(4);
        } else {
          throw new DeliveryException(what + ": " + URL_VARIABLE + " has the query '" + pair
              + "'. Expected tls=none or tls=starttls", true);
        }
      }
    }
    String user = null;
    String password = null;
    if (u.getRawUserInfo() != null) {
      String[] parts = u.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : null;
    }
    return new SmtpServer(u.getHost(), Math.max(0, u.getPort()), user, password, tls);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The JavaMail protocol: {@code smtps} for TLS, else {@code smtp}. */
  String protocol() {
    return tls.equals("tls") ? "smtps" : "smtp";
  }

  /** Session properties: timeouts, authentication, and TLS as chosen, with host checks. */
  Properties properties(int connectTimeoutMillis, int timeoutMillis) {
    String p = "mail." + protocol() + ".";
    Properties props = new Properties();
    props.setProperty(p + "host", host);
    props.setProperty(p + "port", Integer.toString(port));
    props.setProperty(p + "connectiontimeout", Integer.toString(connectTimeoutMillis));
    props.setProperty(p + "timeout", Integer.toString(timeoutMillis));
    props.setProperty(p + "writetimeout", Integer.toString(timeoutMillis));
    props.setProperty(p + "auth", Boolean.toString(username != null));
    if (tls.equals("starttls")) {
      props.setProperty(p + "starttls.enable", "true");
      props.setProperty(p + "starttls.required", "true");
    }
    if (!tls.equals("none")) {
      props.setProperty(p + "ssl.checkserveridentity", "true");
    }
    return props;
  }

  @Override public String toString() {
    return "SmtpServer[" + host + ":" + port + ", user " + username + ", tls " + tls + "]";
  }
}
