package dev.nines.spec;

import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reader of the {@code channels} section: each kind's settings, secrets as references only,
 * and which client a channel belongs to. Nested settings are flattened into the
 * {@link ChannelSpec} settings as {@code smtp.host}, {@code smtp.port}, ...
 */
final class ChannelReader {
  /** The channel kinds, each with the settings it takes (flattened keys). */
  static final Map<String, List<String>> SETTINGS = Map.of(
      "email", List.of("to", "from", "smtp.host", "smtp.port", "smtp.username", "smtp.password",
          "smtp.tls"),
      "webhook", List.of("url", "secret", "maxAlerts"),
      "slack", List.of("url"),
      "alertmanager", List.of("url"));
  /** Setting names (the last part of a key) whose values are secrets. */
  static final Set<String> SECRET_KEYS = Set.of("url", "password", "token", "secret");
  static final String KINDS = "email, webhook, slack or alertmanager";
  static final List<String> TLS = List.of("none", "starttls", "tls");

  private static final String EMAIL = "[^@\\s,<>]+@[^@\\s,<>]+\\.[^@\\s,<>]+";
  /** An address with an optional display name: {@code Nines <nines@example.com>}. */
  private static final String MAILBOX = EMAIL + "|[^<>]*<" + EMAIL + ">";

  private final Names clients;
  private final List<String> clientNames;
  private final Names names = new Names("channel");

  ChannelReader(Names clients, List<String> clientNames) {
    this.clients = clients;
    this.clientNames = List.copyOf(clientNames);
  }

  ChannelSpec channel(Fields f) {
    String name = names.declare(f);
    String kind = f.requireString("kind");
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> allowed = new ArrayList<>(List.of("name", "kind", "audience", "client"));
    switch (kind == null ? "" : kind) {
      case "email" -> {
        allowed.addAll(List.of("to", "from", "smtp"));
        email(f, settings);
      }
      case "webhook" -> {
        allowed.addAll(List.of("url", "secret", "maxAlerts"));
        url(f, settings);
        String secret = f.string("secret");
        if (secret != null) {
          settings.put("secret", secret);
        }
        if (f.has("maxAlerts")) {
          // As Alertmanager's max_alerts: 0 sends every alert of a group.
          settings.put("maxAlerts", Integer.toString(f.integer("maxAlerts", 0, 0, 10_000)));
        }
      }
      case "slack", "alertmanager" -> {
        allowed.add("url");
        url(f, settings);
      }
      default -> {
        if (kind != null) {
          f.error("kind", "'" + kind + "' is not a channel kind. Expected " + KINDS);
        }
        allowed.addAll(List.of("to", "from", "smtp", "url", "secret"));
      }
    }
    f.allowOnly(allowed.toArray(String[]::new));
    secrets(f, settings);
    Audience audience = SpecReader.audience(f);
    return new ChannelSpec(name, kind, audience, client(f, audience), settings);
  }

  private static void url(Fields f, Map<String, String> settings) {
    String url = f.requireString("url");
    if (url != null) {
      settings.put("url", url);
    }
  }

  private static void email(Fields f, Map<String, String> settings) {
    List<String> to = f.strings("to");
    if (to.isEmpty()) {
      f.error("to", "is required for email channels. Expected one or more addresses");
    }
    for (String address : to) {
      if (!address.matches(EMAIL)) {
        f.error("to", "'" + address + "' is not an email address");
      }
    }
    settings.put("to", String.join(",", to));
    String from = f.string("from");
    if (from != null) {
      if (!from.strip().matches(MAILBOX)) {
        f.error("from", "'" + from + "' is not an email address. Expected nines@example.com "
            + "or Nines <nines@example.com>");
      }
      settings.put("from", from.strip());
    }
    Fields smtp = f.map("smtp");
    if (smtp == null) {
      return;
    }
    smtp.allowOnly("host", "port", "username", "password", "tls");
    String host = smtp.requireString("host");
    if (host != null) {
      settings.put("smtp.host", host);
    }
    if (smtp.has("port")) {
      int port = smtp.integer("port", 0);
      if (port < 1 || port > 65535) {
        smtp.error("port", port + " is out of range. Expected 1 to 65535");
      }
      settings.put("smtp.port", Integer.toString(port));
    }
    for (String key : List.of("username", "password")) {
      String v = smtp.string(key);
      if (v != null) {
        settings.put("smtp." + key, v);
      }
    }
    String tls = smtp.string("tls");
    if (tls != null) {
      if (!TLS.contains(tls)) {
        smtp.error("tls", "'" + tls + "' is not a TLS mode. Expected none, starttls or tls");
      }
      settings.put("smtp.tls", tls);
    }
    if (settings.containsKey("smtp.password") && !settings.containsKey("smtp.username")) {
      smtp.error("password", "is set without a username. Expected username and password "
          + "together");
    }
  }

  /** Every secret setting must be a reference: reported at its key, nested ones included. */
  private static void secrets(Fields f, Map<String, String> settings) {
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String key = e.getKey();
      int dot = key.lastIndexOf('.');
      String last = key.substring(dot + 1);
      String v = e.getValue();
      if (SECRET_KEYS.contains(last) && !v.startsWith("env:") && !v.startsWith("file:")) {
        Fields at = dot < 0 ? f : f.map(key.substring(0, dot));
        at.error(last, "is a secret written in the spec. Expected a reference env:NAME or "
            + "file:PATH");
      }
    }
  }

  /**
   * The client a channel belongs to: the one named, or for a client channel without one the
   * spec's only client. A client channel in a spec of several clients must name its client.
   */
  private String client(Fields f, Audience audience) {
    String client = f.string("client");
    if (client != null) {
      if (!clients.contains(client)) {
        f.error("client", "unknown client '" + client + "'. Expected one declared under clients");
      }
      return client;
    }
    if (audience != Audience.CLIENT) {
      return null;
    }
    if (clientNames.size() == 1) {
      return clientNames.get(0);
    }
    if (clientNames.isEmpty()) {
      // A warning, not an error: an OpenSLO import carries channels but no clients.
      f.warning("audience", "client, but the spec declares no client, so the channel receives "
          + "nothing. Expected a client under clients, or audience: internal");
    } else {
      f.error("client", "is required for an audience: client channel in a spec with "
          + clientNames.size() + " clients. Expected one of " + String.join(", ", clientNames));
    }
    return null;
  }
}
