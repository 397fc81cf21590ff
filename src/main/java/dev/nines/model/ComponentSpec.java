package dev.nines.model;

import java.util.List;
import java.util.Objects;

/**
 * One component of a client's status page: a service or a group of them (or a narrower set of
 * monitors and SLOs), with the name visitors read. Its state comes from the quorum state of its
 * monitors and the alerts of its client SLOs.
 *
 * @param services services whose monitors and client SLOs the component covers
 * @param monitors further monitors it covers
 * @param slos further SLOs it covers
 */
public record ComponentSpec(String name, String description, List<String> services,
    List<String> monitors, List<String> slos) {
  public ComponentSpec {
    Objects.requireNonNull(name, "name");
    services = List.copyOf(services);
    monitors = List.copyOf(monitors);
    slos = List.copyOf(slos);
  }
}
