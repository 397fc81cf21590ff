package dev.nines.model;

import java.time.ZoneId;
import java.util.List;

/**
 * A whole Nines spec: clients, their services, the SLOs, the monitors that measure them and
 * the channels that carry alerts and notices. Every output of Nines reads this one model.
 *
 * @param timeZone zone for calendar windows that name none
 * @param regions probe regions; the server itself is the first
 */
public record Spec(ZoneId timeZone, List<String> regions, List<ClientSpec> clients,
    List<ServiceSpec> services, List<SloSpec> slos, List<MonitorSpec> monitors,
    List<ChannelSpec> channels, List<MaintenanceSpec> maintenance, AlertingSettings alerting) {

  /** A spec with the default alerting settings. */
  public Spec(ZoneId timeZone, List<String> regions, List<ClientSpec> clients,
      List<ServiceSpec> services, List<SloSpec> slos, List<MonitorSpec> monitors,
      List<ChannelSpec> channels, List<MaintenanceSpec> maintenance) {
    this(timeZone, regions, clients, services, slos, monitors, channels, maintenance,
        AlertingSettings.DEFAULTS);
  }

  /** A spec without maintenance windows. */
  public Spec(ZoneId timeZone, List<String> regions, List<ClientSpec> clients,
      List<ServiceSpec> services, List<SloSpec> slos, List<MonitorSpec> monitors,
      List<ChannelSpec> channels) {
    this(timeZone, regions, clients, services, slos, monitors, channels, List.of());
  }

  public Spec {
    java.util.Objects.requireNonNull(alerting, "alerting");
    maintenance = List.copyOf(maintenance);
    regions = List.copyOf(regions);
    clients = List.copyOf(clients);
    services = List.copyOf(services);
    slos = List.copyOf(slos);
    monitors = List.copyOf(monitors);
    channels = List.copyOf(channels);
  }

  /** The region of an external monitor that names none: where feeds without a region go. */
  public static final String EXTERNAL_REGION = "external";

  /**
   * The regions a monitor runs in: its own list, else every region of the spec; an external
   * monitor's regions are the sources that feed it, {@value #EXTERNAL_REGION} by default.
   */
  public List<String> regionsOf(MonitorSpec m) {
    if (m.regions().isEmpty()) {
      return m.kind() == MonitorKind.EXTERNAL ? List.of(EXTERNAL_REGION) : regions;
    }
    return m.regions();
  }

  /**
   * How many of a monitor's regions must agree on ERROR: the service's quorum when it fits
   * the monitor's regions, else a majority of them.
   */
  public int quorumOf(MonitorSpec m) {
    return quorumOf(m, service(m.service()));
  }

  /** {@link #quorumOf(MonitorSpec)} with the monitor's service already looked up (or null). */
  public int quorumOf(MonitorSpec m, ServiceSpec service) {
    int n = regionsOf(m).size();
    return service != null && service.quorum() > 0 && service.quorum() <= n ? service.quorum()
        : majority(n);
  }

  /**
   * The default quorum, a strict majority: {@code regions / 2 + 1} (1 of 1, 2 of 3, 3 of 4).
   *
   * @throws IllegalArgumentException when {@code regions < 1}
   */
  public static int majority(int regions) {
    if (regions < 1) {
      throw new IllegalArgumentException("regions " + regions + " is too few for a majority. "
          + "Expected at least 1 region");
    }
    return regions / 2 + 1;
  }

  /** The monitors that Nines probes in {@code region} (external monitors are never probed). */
  public List<MonitorSpec> monitorsIn(String region) {
    return monitors.stream().filter(m -> m.kind().probed() && regionsOf(m).contains(region))
        .toList();
  }

  /** The zone a client's months and days are cut in: its own, else the spec's. */
  public ZoneId zoneOf(ClientSpec client) {
    return client.timeZone() != null ? client.timeZone() : timeZone;
  }

  /** The client with this name, or null. */
  public ClientSpec client(String name) {
    return clients.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  /** The service with this name, or null. */
  public ServiceSpec service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }
}
