package dev.nines.spec;

import dev.nines.model.AlertingSettings;
import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import dev.nines.model.ClientSpec;
import dev.nines.model.ComponentSpec;
import dev.nines.model.Contact;
import dev.nines.model.EndpointSpec;
import dev.nines.model.MaintenanceSpec;
import dev.nines.model.LayerSpec;
import dev.nines.model.MonitorSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.uptime.AttributionTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reader of native Nines specs ({@code apiVersion: nines/v1}). Reads the sections in
 * dependency order (clients, services, monitors, SLOs, channels) so each reference is checked
 * where it is written, and reports every problem in one pass.
 */
public final class SpecReader {
  /** The only native API version so far. */
  public static final String API_VERSION = "nines/v1";

  private static final String EMAIL = "[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+";

  private final String file;
  private final Problems problems = new Problems();
  private final Map<String, Location> locations = new HashMap<>();
  final Names clients = new Names("client");
  final Names services = new Names("service");
  final Map<String, MonitorSpec> monitors = new LinkedHashMap<>();
  final List<String> regions = new ArrayList<>();
  ZoneId zone = ZoneOffset.UTC;

  private SpecReader(String file) {
    this.file = file;
  }

  /**
   * Reads a spec file.
   *
   * @throws SpecFiles.UnreadableException when the file is missing, too large or not UTF-8
   */
  public static ParsedSpec read(Path path) throws IOException, SpecException {
    return read(path.toString(), SpecFiles.read(path));
  }

  /**
   * Reads spec text.
   *
   * @param file the name used in problem locations
   * @throws SpecException with every error (and warning) when the spec has errors
   */
  public static ParsedSpec read(String file, String content) throws SpecException {
    return new SpecReader(file).readAll(content);
  }

  private ParsedSpec readAll(String content) throws SpecException {
    List<YamlNode> docs = YamlTree.parse(file, content);
    if (docs.size() != 1) {
      throw new SpecException(List.of(new Problem(Problem.Level.ERROR, new Location(file, 1, 1),
          "", docs.size() + " YAML documents. Expected exactly one")));
    }
    Fields top = Fields.of(docs.get(0), "", problems);
    problems.throwIfErrors();
    Spec spec = readTop(top);
    problems.throwIfErrors();
    return new ParsedSpec(spec, locations, problems.sorted());
  }

  private Spec readTop(Fields top) {
    top.allowOnly("apiVersion", "timeZone", "regions", "clients", "services", "slos",
        "monitors", "channels", "maintenance", "alerting");
    String version = top.requireString("apiVersion");
    if (version != null && !version.equals(API_VERSION)) {
      top.error("apiVersion", "'" + version + "' is not supported. Expected " + API_VERSION
          + " (import OpenSLO and Sloth specs with `nines import`)");
    }
    ZoneId z = top.parsed("timeZone", SpecReader::zone, false);
    zone = z == null ? ZoneOffset.UTC : z;
    regions.addAll(top.strings("regions"));
    if (regions.isEmpty()) {
      regions.add("local");
    }
    List<ClientSpec> clientList = top.maps("clients").stream().map(this::client).toList();
    List<ServiceSpec> serviceList = top.maps("services").stream().map(this::service).toList();
    MonitorReader monitorReader = new MonitorReader(this);
    for (Fields f : top.maps("monitors")) {
      MonitorSpec m = monitorReader.monitor(f);
      if (m != null && !monitors.containsKey(m.name())) {
        monitors.put(m.name(), m);
      }
    }
    SloReader sloReader = new SloReader(this, serviceList);
    List<SloSpec> sloList = top.maps("slos").stream().map(sloReader::slo)
        .filter(s -> s != null).toList();
    checkComponents(serviceList, sloList);
    List<ChannelSpec> channelList = new ArrayList<>();
    ChannelReader channelReader = new ChannelReader(clients,
        clientList.stream().map(ClientSpec::name).filter(n -> n != null).toList());
    for (Fields f : top.maps("channels")) {
      remember(f);
      channelList.add(channelReader.channel(f));
    }
    List<MaintenanceSpec> maintenance = new ArrayList<>();
    for (Fields f : top.maps("maintenance")) {
      maintenance.addAll(maintenance(f, serviceList));
    }
    AlertingSettings alerting = alertingSettings(top.map("alerting"));
    return new Spec(zone, regions, clientList, serviceList, sloList,
        List.copyOf(monitors.values()), channelList, maintenance,
        alerting == null ? AlertingSettings.DEFAULTS : alerting);
  }

  /**
   * One maintenance entry: a single window ({@code start} and {@code end}) or a series
   * ({@code start}, {@code duration} or {@code end} of the first window, and {@code rrule}),
   * for one {@code service} or every service of a {@code client}.
   */
  private List<MaintenanceSpec> maintenance(Fields f, List<ServiceSpec> serviceList) {
    remember(f);
    f.allowOnly("service", "client", "start", "end", "duration", "rrule", "reason");
    List<String> covered = new ArrayList<>();
    String service = f.string("service");
    String client = f.string("client");
    if (service == null && client == null) {
      f.error("service", "is required (or client). Expected the service under maintenance, or "
          + "client: NAME for every service of a client");
    } else if (service != null && client != null) {
      f.error("client", "is given with service. Expected one of service and client");
    } else if (service != null) {
      if (services.contains(service)) {
        covered.add(service);
      } else {
        f.error("service", "unknown service '" + service + "'. Expected one declared under "
            + "services");
      }
    } else if (!clients.contains(client)) {
      f.error("client", "unknown client '" + client + "'. Expected one declared under clients");
    } else {
      serviceList.stream().filter(s -> client.equals(s.client())).forEach(s -> covered.add(
          s.name()));
      if (covered.isEmpty()) {
        f.error("client", "client '" + client + "' has no service. Expected a client with "
            + "services");
      }
    }
    java.time.Instant start = f.parsed("start", SpecReader::instant, true);
    java.time.Instant end = f.parsed("end", SpecReader::instant, false);
    java.time.Duration duration = f.duration("duration", false);
    if (end != null && duration != null) {
      f.error("duration", "is given with end. Expected one of end and duration");
      return List.of();
    }
    if (end == null && duration == null && f.has("start") && !f.has("end")) {
      f.error("end", "is required (or duration). Expected when the window ends");
      return List.of();
    }
    if (start == null || end == null && duration == null) {
      return List.of();
    }
    if (end == null) {
      if (duration.isZero()) {
        f.error("duration", "is zero. Expected a window of some length, e.g. 1h");
        return List.of();
      }
      end = start.plus(duration);
    }
    if (!start.isBefore(end)) {
      f.error("end", end + " is not after start " + start + ". Expected start < end");
      return List.of();
    }
    String rrule = f.string("rrule");
    if (rrule != null) {
      try {
        dev.nines.maintenance.Recurrence.parse(rrule, start, zone);
      } catch (IllegalArgumentException e) {
        f.error("rrule", e.getMessage());
        return List.of();
      }
    }
    java.time.Instant until = end;
    String reason = f.string("reason");
    return covered.stream().map(s -> new MaintenanceSpec(s, start, until, reason, rrule)).toList();
  }

  /** The top-level {@code alerting:} settings, or null when absent. */
  private static AlertingSettings alertingSettings(Fields f) {
    if (f == null) {
      return null;
    }
    f.allowOnly("evaluationInterval", "repeatInterval", "minEvents", "certificateDays",
        "groupWait", "groupInterval");
    AlertingSettings d = AlertingSettings.DEFAULTS;
    java.time.Duration evaluation = f.duration("evaluationInterval", false);
    java.time.Duration repeat = f.duration("repeatInterval", false);
    int minEvents = f.integer("minEvents", (int) d.minEvents());
    int days = f.integer("certificateDays", d.certificateDays());
    java.time.Duration groupWait = f.duration("groupWait", false);
    java.time.Duration groupInterval = f.duration("groupInterval", false);
    try {
      return new AlertingSettings(evaluation == null ? d.evaluationInterval() : evaluation,
          repeat == null ? d.repeatInterval() : repeat, minEvents, days,
          groupWait == null ? d.groupWait() : groupWait,
          groupInterval == null ? d.groupInterval() : groupInterval);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      String key = message.substring(0, message.indexOf(' '));
      f.error(key, message.substring(message.indexOf(' ') + 1));
      return null;
    }
  }

  private static final java.time.Instant EARLIEST = java.time.Instant.EPOCH;
  private static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59Z");

  static java.time.Instant instant(String text) {
    java.time.Instant t;
    try {
      t = java.time.OffsetDateTime.parse(text.strip()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time. Expected ISO-8601 with "
          + "an offset, e.g. 2026-11-28T02:00:00Z or 2026-11-28T03:00:00+01:00");
    }
    if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
      throw new IllegalArgumentException("'" + text.strip() + "' is out of range. Expected a "
          + "time in the years 1970 to 9999");
    }
    return t;
  }

  void remember(Fields f) {
    locations.put(f.path(), f.location());
  }

  static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time zone. Expected an IANA "
          + "zone such as Europe/Berlin or UTC");
    }
  }

  private ClientSpec client(Fields f) {
    remember(f);
    f.allowOnly("name", "displayName", "contacts", "statusPage", "timeZone", "components");
    String name = clients.declare(f);
    List<Contact> contacts = new ArrayList<>();
    for (Fields c : f.maps("contacts")) {
      c.allowOnly("name", "email", "role");
      String email = c.string("email");
      if (email != null && !email.matches(EMAIL)) {
        c.error("email", "'" + email + "' is not an email address");
      }
      contacts.add(new Contact(c.requireString("name"), email, c.string("role")));
    }
    String display = f.string("displayName");
    List<ComponentSpec> components = new ArrayList<>();
    Set<String> componentNames = new java.util.HashSet<>();
    for (Fields c : f.maps("components")) {
      c.allowOnly("name", "description", "services", "monitors", "slos");
      String cname = c.requireString("name");
      if (cname != null && !componentNames.add(cname)) {
        c.error("name", "duplicate component '" + cname + "'. Expected each component once");
      }
      ComponentSpec component = new ComponentSpec(cname == null ? "" : cname,
          c.string("description"), c.strings("services"), c.strings("monitors"),
          c.strings("slos"));
      if (component.services().isEmpty() && component.monitors().isEmpty()
          && component.slos().isEmpty()) {
        c.error("services", "is required (or monitors, or slos). Expected what the component "
            + "covers");
      }
      components.add(component);
      componentFields.add(new PendingComponent(name, c, component));
    }
    return new ClientSpec(name, display == null ? name : display, contacts,
        f.bool("statusPage", false), f.parsed("timeZone", SpecReader::zone, false), components);
  }

  /** A component read with its client, checked once services, monitors and SLOs are known. */
  private record PendingComponent(String client, Fields fields, ComponentSpec spec) {}

  private final List<PendingComponent> componentFields = new ArrayList<>();

  /** Every service, monitor and SLO a component names exists and belongs to its client. */
  private void checkComponents(List<ServiceSpec> serviceList, List<SloSpec> sloList) {
    Map<String, String> clientOfService = new java.util.HashMap<>();
    serviceList.forEach(s -> {
      if (s.name() != null && s.client() != null) {
        clientOfService.put(s.name(), s.client());
      }
    });
    Map<String, String> serviceOfSlo = new java.util.HashMap<>();
    sloList.forEach(s -> serviceOfSlo.put(s.name(), s.service()));
    for (PendingComponent p : componentFields) {
      for (String svc : p.spec().services()) {
        if (!services.contains(svc)) {
          p.fields().error("services", "unknown service '" + svc + "'. Expected one declared "
              + "under services");
        } else if (!java.util.Objects.equals(clientOfService.get(svc), p.client())) {
          p.fields().error("services", "service '" + svc + "' is not a service of client '"
              + p.client() + "'. Expected one of the client's own services");
        }
      }
      for (String m : p.spec().monitors()) {
        MonitorSpec monitor = monitors.get(m);
        if (monitor == null) {
          p.fields().error("monitors", "unknown monitor '" + m + "'. Expected one declared "
              + "under monitors");
        } else if (!java.util.Objects.equals(clientOfService.get(monitor.service()),
            p.client())) {
          p.fields().error("monitors", "monitor '" + m + "' does not watch a service of client '"
              + p.client() + "'. Expected a monitor of the client's own services");
        }
      }
      for (String slo : p.spec().slos()) {
        if (!serviceOfSlo.containsKey(slo)) {
          p.fields().error("slos", "unknown SLO '" + slo + "'. Expected one declared under slos");
        } else if (!java.util.Objects.equals(clientOfService.get(serviceOfSlo.get(slo)),
            p.client())) {
          p.fields().error("slos", "SLO '" + slo + "' is not an SLO of client '" + p.client()
              + "'. Expected an SLO of the client's own services");
        }
      }
    }
  }

  private ServiceSpec service(Fields f) {
    remember(f);
    f.allowOnly("name", "client", "description", "layers", "endpoints", "attribution", "quorum");
    String name = services.declare(f);
    String client = f.string("client");
    if (client != null && !clients.contains(client)) {
      f.error("client", "unknown client '" + client + "'. Expected one declared under clients");
    }
    List<LayerSpec> layers = new ArrayList<>();
    for (Fields l : f.maps("layers")) {
      l.allowOnly("name", "kind");
      layers.add(new LayerSpec(l.requireString("name"), l.string("kind")));
    }
    List<EndpointSpec> endpoints = new ArrayList<>();
    Set<String> paths = new java.util.HashSet<>();
    for (Fields e : f.maps("endpoints")) {
      e.allowOnly("path", "method", "critical", "note");
      String path = e.requireString("path");
      if (path != null && !path.startsWith("/")) {
        e.error("path", "'" + path + "' does not start with /. Expected a path such as /fetch-orders");
      }
      if (path != null && !paths.add(path)) {
        e.error("path", "duplicate endpoint '" + path + "'");
      }
      String method = e.string("method");
      boolean critical = e.bool("critical", false);
      String note = e.string("note");
      if (path != null) {                       // a missing path is reported above
        endpoints.add(new EndpointSpec(path, method == null ? "GET"
            : method.toUpperCase(Locale.ROOT), critical, note));
      }
    }
    Map<String, String> attribution = f.stringMap("attribution");
    Fields table = f.map("attribution");
    for (Map.Entry<String, String> rule : attribution.entrySet()) {
      try {
        AttributionTable.parse(Map.of(rule.getKey(), rule.getValue()));
      } catch (IllegalArgumentException e) {
        // The table's message starts with the key, which the location already names.
        table.keyError(rule.getKey(), e.getMessage().substring(rule.getKey().length() + 2));
      }
    }
    int quorum = f.parsed("quorum", q -> {
      int n;
      try {
        n = Integer.parseInt(q.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0 || n > regions.size()) {
        throw new IllegalArgumentException(q.strip() + " is out of range. Expected 0 (a "
            + "majority) to " + regions.size() + ", the regions of the spec");
      }
      return n;
    }, false) instanceof Integer q ? q : 0;
    return new ServiceSpec(name, client, f.string("description"), layers, endpoints,
        attribution, quorum);
  }

  static Audience audience(Fields f) {
    Audience a = f.parsed("audience", s -> switch (s) {
      case "client" -> Audience.CLIENT;
      case "internal" -> Audience.INTERNAL;
      default -> throw new IllegalArgumentException("'" + s + "' is not an audience. "
          + "Expected client or internal");
    }, false);
    return a == null ? Audience.INTERNAL : a;
  }
}
