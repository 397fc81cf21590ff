package dev.nines.alert;

import dev.nines.format.Fmt;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.notify.Notification.Field;
import dev.nines.uptime.State;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The alert conditions of monitors: a monitor down (its quorum of regions says ERROR: real
 * downtime), a regional incident (one region says ERROR, the quorum does not), a region gone
 * silent (no fresh result from any monitor of the region: its agent stopped reporting, which is
 * UNKNOWN, never downtime), and a TLS certificate close to expiry.
 */
public final class MonitorConditions {
  /**
   * One monitor as the live state sees it now.
   *
   * @param client the client of its service, or null
   * @param feedsSlo whether an SLO reads it (then its downtime pages; otherwise it tickets)
   * @param since when the quorum state began, or null when never known
   * @param certificate the certificate its last TLS handshake saw, or null
   */
  public record Input(MonitorSpec monitor, String client, boolean feedsSlo, State quorum,
      int quorumSize, Instant since, List<Region> regions, Certificate certificate) {
    public Input {
      Objects.requireNonNull(monitor, "monitor");
      Objects.requireNonNull(quorum, "quorum");
      regions = List.copyOf(regions);
    }
  }

  /**
   * One region of a monitor.
   *
   * @param state its state now: UNKNOWN when silent or pending
   * @param silent no result newer than two check intervals (or none ever)
   * @param message what its last check said, or null
   */
  public record Region(String name, State state, Instant since, boolean silent, String message) {}

  /** A certificate a check saw: whose, and its whole days left. */
  public record Certificate(String subject, long daysLeft) {}

  /**
   * How long a region must stay silent before its ticket fires: an agent that is starting,
   * restarting or briefly cut off is not worth a ticket.
   */
  public static final Duration REGION_SILENT_FOR = Duration.ofMinutes(2);

  private MonitorConditions() {}

  /** Adds the monitor's conditions that hold now, and those of its open alerts, to {@code out}. */
  public static void evaluate(Input in, int certificateDays, ZoneId zone,
      Map<String, AlertState> open, List<Condition> out) {
    MonitorSpec m = in.monitor();
    if (m.kind() != MonitorKind.TLS) {
      down(in, zone, open, out);
      for (Region r : in.regions()) {
        regional(in, r, zone, open, out);
      }
    }
    certificate(in, certificateDays, open, out);
  }

  private static void down(Input in, ZoneId zone, Map<String, AlertState> open,
      List<Condition> out) {
    MonitorSpec m = in.monitor();
    String severity = in.feedsSlo() ? "page" : "ticket";
    String fp = Condition.fingerprint(AlertKind.MONITOR_DOWN, m.name(), severity, null);
    boolean active = in.quorum() == State.ERROR;
    if (!active && !open.containsKey(fp)) {
      return;
    }
    List<Field> figures = new ArrayList<>();
    figures.add(new Field("State", in.quorum() + (in.since() == null ? ""
        : " since " + Fmt.time(in.since(), zone))));
    figures.add(new Field("Regions", regionStates(in)));
    figures.add(new Field("Quorum", in.quorumSize() + " of " + in.regions().size()
        + " regions must say ERROR"));
    figures.add(new Field("Checked", Fmt.every(m.interval())));
    String error = in.regions().stream().filter(r -> r.state() == State.ERROR
        && r.message() != null).map(Region::message).findFirst().orElse(null);
    if (error != null) {
      figures.add(new Field("Last error", error));
    }
    String title = active ? capital(severity) + ": " + m.name() + " is down"
        : "Resolved: " + m.name() + " is " + in.quorum();
    String summary = active ? in.quorumSize() + " of " + in.regions().size() + " regions see "
        + m.name() + " (service " + m.service() + ") failing: downtime that counts against its "
        + "uptime." : m.name() + " is no longer down: its quorum says " + in.quorum() + ".";
    out.add(new Condition(fp, AlertKind.MONITOR_DOWN, severity, m.service(), in.client(), null,
        m.name(), null, active, Duration.ZERO, title, summary, figures,
        "/console/monitors/" + m.name(), labels(m, "MonitorDown", severity, null)));
  }

  private static void regional(Input in, Region r, ZoneId zone, Map<String, AlertState> open,
      List<Condition> out) {
    MonitorSpec m = in.monitor();
    String fp = Condition.fingerprint(AlertKind.REGIONAL_INCIDENT, m.name(), "ticket", r.name());
    boolean active = r.state() == State.ERROR && in.quorum() != State.ERROR;
    if (!active && !open.containsKey(fp)) {
      return;
    }
    List<Field> figures = new ArrayList<>();
    figures.add(new Field("Region", r.name() + ": " + r.state() + (r.since() == null ? ""
        : " since " + Fmt.time(r.since(), zone))));
    figures.add(new Field("Quorum", in.quorum() + " (" + regionStates(in) + ")"));
    if (r.message() != null) {
      figures.add(new Field("Last error", r.message()));
    }
    String title = active ? "Ticket: " + m.name() + " fails from " + r.name() + " only"
        : "Resolved: " + m.name() + " from " + r.name() + " is " + r.state();
    String summary = active ? "Checks of " + m.name() + " fail from " + r.name() + " while the "
        + "other regions see it up: a regional incident (the network between that region and "
        + "the service), not downtime." : "The regional incident of " + m.name() + " in "
        + r.name() + " is over.";
    out.add(new Condition(fp, AlertKind.REGIONAL_INCIDENT, "ticket", m.service(), in.client(),
        null, m.name(), r.name(), active, Duration.ZERO, title, summary, figures,
        "/console/monitors/" + m.name(), labels(m, "RegionalIncident", "ticket", r.name())));
  }

  private static void certificate(Input in, int certificateDays, Map<String, AlertState> open,
      List<Condition> out) {
    MonitorSpec m = in.monitor();
    boolean tls = m.kind() == MonitorKind.TLS;
    int warn = tls ? m.warnDays() : certificateDays;
    Certificate c = in.certificate();
    boolean expiring = c != null && c.daysLeft() < warn;
    String severity = tls && c != null && c.daysLeft() < m.failDays() ? "page" : "ticket";
    String fp = Condition.fingerprint(AlertKind.CERTIFICATE_EXPIRING, m.name(), "", null);
    if (!expiring && !open.containsKey(fp)) {
      return;
    }
    List<Field> figures = new ArrayList<>();
    if (c != null) {
      figures.add(new Field("Certificate", c.subject()));
      figures.add(new Field("Days left", c.daysLeft() < 0 ? "expired" : String.valueOf(
          c.daysLeft())));
    }
    figures.add(new Field("Warning below", warn + " days"));
    String title = expiring ? capital(severity) + ": the certificate of " + m.name()
        + (c.daysLeft() < 0 ? " has expired" : " expires in " + c.daysLeft() + " days")
        : "Resolved: the certificate of " + m.name() + " was renewed";
    String summary = expiring ? "Renew the TLS certificate " + c.subject() + " before it expires."
        : "The certificate of " + m.name() + " has " + (c == null ? "no reading"
        : c.daysLeft() + " days left") + ".";
    out.add(new Condition(fp, AlertKind.CERTIFICATE_EXPIRING, severity, m.service(),
        in.client(), null, m.name(), null, expiring, Duration.ZERO, title, summary, figures,
        "/console/monitors/" + m.name(), labels(m, "CertificateExpiring", severity, null)));
  }

  /**
   * The regions silent now, as one condition per region: none of the monitors that run there
   * has a fresh result, for {@link #REGION_SILENT_FOR}. An agent that stops reporting makes its
   * region UNKNOWN, never down.
   *
   * @param monitorsByRegion the inputs of the monitors that run in each region
   */
  public static void silentRegions(Map<String, List<Input>> monitorsByRegion, ZoneId zone,
      Map<String, AlertState> open, List<Condition> out) {
    monitorsByRegion.forEach((region, inputs) -> {
      String fp = Condition.fingerprint(AlertKind.REGION_SILENT, region, "ticket", region);
      List<Region> mine = new ArrayList<>();
      for (Input in : inputs) {
        in.regions().stream().filter(r -> r.name().equals(region)).forEach(mine::add);
      }
      boolean active = !mine.isEmpty() && mine.stream().allMatch(Region::silent);
      if (!active && !open.containsKey(fp)) {
        return;
      }
      Instant last = mine.stream().map(Region::since).filter(Objects::nonNull)
          .max(Instant::compareTo).orElse(null);
      List<Field> figures = List.of(
          new Field("Region", region),
          new Field("Monitors", String.valueOf(mine.size())),
          new Field("Last result", last == null ? "never" : Fmt.time(last, zone)));
      String title = active ? "Ticket: region " + region + " has stopped reporting"
          : "Resolved: region " + region + " reports again";
      String summary = active ? "No monitor of region " + region + " has a fresh result: its "
          + "agent is silent or cannot reach Nines. Its checks count as UNKNOWN, not as "
          + "downtime." : "Region " + region + " reports results again.";
      Map<String, String> labels = new TreeMap<>(Map.of("alertname", "RegionSilent",
          "severity", "ticket", "region", region, "category", "probe"));
      out.add(new Condition(fp, AlertKind.REGION_SILENT, "ticket", null, null, null, null,
          region, active, REGION_SILENT_FOR, title, summary, figures, "/console/monitors",
          labels));
    });
  }

  private static String regionStates(Input in) {
    StringBuilder b = new StringBuilder();
    for (Region r : in.regions()) {
      if (!b.isEmpty()) {
        b.append(", ");
      }
      b.append(r.name()).append(' ').append(r.silent() ? "silent" : r.state().name());
    }
    return b.toString();
  }

  private static Map<String, String> labels(MonitorSpec m, String alertname, String severity,
      String region) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("alertname", alertname);
    labels.put("severity", severity);
    labels.put("monitor", m.name());
    labels.put("service", m.service());
    labels.put("category", "infrastructure");
    if (region != null) {
      labels.put("region", region);
    }
    return labels;
  }

  private static String capital(String s) {
    return SloConditions.capital(s);
  }
}
