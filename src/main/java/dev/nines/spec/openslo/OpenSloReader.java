package dev.nines.spec.openslo;

import dev.nines.model.EndpointSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.spec.Location;
import dev.nines.spec.Problems;
import dev.nines.spec.SpecException;
import dev.nines.spec.YamlTree;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports OpenSLO ({@code openslo/v1}, and {@code openslo/v1alpha} SLOs and services) into a
 * Nines spec. Files may be multi-document streams or top-level lists of objects; references
 * between objects resolve across all the files read together. Every problem is reported in one
 * pass, located by file, line, column and path. A Service's {@code nines.dev/spec} annotation,
 * written by {@link OpenSloWriter}, brings back the parts OpenSLO has no object for.
 */
public final class OpenSloReader {

  /** One file to read: the name used in locations and its text. */
  public record Source(String fileName, String content) {}

  private OpenSloReader() {}

  /** Reads one file. Warnings (dropped alertAfter, unused SLIs) are discarded. */
  public static Spec read(String fileName, String content) throws SpecException {
    return read(List.of(new Source(fileName, content)));
  }

  /** Reads several files as one set of objects. Warnings are discarded. */
  public static Spec read(List<Source> sources) throws SpecException {
    return read(sources, new Problems());
  }

  /**
   * Reads several files as one set of objects.
   *
   * @param problems receives every problem; after a successful read it holds the warnings
   * @throws SpecException when any problem is an error, carrying all of them
   */
  public static Spec read(List<Source> sources, Problems problems) throws SpecException {
    OpenSloIndex index = new OpenSloIndex(problems);
    for (Source s : sources) {
      try {
        YamlTree.parse(s.fileName(), s.content()).forEach(index::addDocument);
      } catch (SpecException e) {
        problems.addAll(e.problems());
      }
    }
    Spec spec = map(index);
    problems.throwIfErrors();
    return spec;
  }

  private static Spec map(OpenSloIndex index) {
    Indicators indicators = new Indicators(index);
    Alerts alerts = new Alerts(index);
    Slos v1 = new Slos(indicators, alerts);
    Map<String, ServiceSpec> services = services(index);
    Map<String, Location> names = new LinkedHashMap<>();
    List<SloSpec> slos = new ArrayList<>();
    for (OpenSloObject o : index.all("SLO")) {
      List<SloSpec> read = o.apiVersion().equals(OpenSloIndex.V1) ? v1.read(o) : V1AlphaSlos.read(o);
      for (SloSpec s : read) {
        Location first = names.putIfAbsent(s.name(), o.location());
        if (first != null && index.find("SLO", o.name()) == o) {
          index.problems().error(o.location(), "", s.name() + " is the name of another SLO (at "
              + first + "). Expected unique SLO names; objectives of one SLO are named "
              + "<slo>-<displayName>");
        }
        services.computeIfAbsent(s.service(), OpenSloReader::service);
        slos.add(s);
      }
    }
    index.all("SLI").forEach(indicators::of);
    alerts.readUnused();
    if (!index.problems().hasErrors()) {
      List.of("SLI", "AlertPolicy", "AlertCondition").forEach(index::warnUnused);
    }
    Spec nines = index.all("Service").stream().map(o -> NinesSpecAnnotation.read(o,
        index.problems())).filter(s -> s != null).findFirst().orElse(null);
    if (nines != null) {
      return withNinesParts(nines, services, slos);
    }
    return new Spec(ZoneOffset.UTC, List.of(), List.of(), withSloEndpoints(services, slos), slos,
        List.of(), alerts.channels());
  }

  /**
   * The imported SLOs with the Nines-only parts of an exported native spec: its services in
   * full (besides any the OpenSLO objects add), monitors, channels, clients and settings.
   */
  private static Spec withNinesParts(Spec nines, Map<String, ServiceSpec> imported,
      List<SloSpec> slos) {
    Map<String, ServiceSpec> services = new LinkedHashMap<>();
    nines.services().forEach(s -> services.put(s.name(), s));
    imported.forEach(services::putIfAbsent);
    return new Spec(nines.timeZone(), nines.regions(), nines.clients(),
        withSloEndpoints(services, slos), slos, nines.monitors(), nines.channels(),
        nines.maintenance(), nines.alerting());
  }

  /** Services with every endpoint an SLO names declared, critical since it carries an SLO. */
  private static List<ServiceSpec> withSloEndpoints(Map<String, ServiceSpec> services,
      List<SloSpec> slos) {
    List<ServiceSpec> out = new ArrayList<>();
    for (ServiceSpec s : services.values()) {
      List<EndpointSpec> endpoints = new ArrayList<>(s.endpoints());
      slos.stream().filter(slo -> s.name().equals(slo.service()) && slo.endpoint() != null)
          .map(SloSpec::endpoint).distinct()
          .filter(path -> s.endpoint(path) == null)
          .forEach(path -> endpoints.add(new EndpointSpec(path, "GET", true)));
      out.add(new ServiceSpec(s.name(), s.client(), s.description(), s.layers(), endpoints,
          s.attribution(), s.quorum()));
    }
    return out;
  }

  private static Map<String, ServiceSpec> services(OpenSloIndex index) {
    Map<String, ServiceSpec> out = new LinkedHashMap<>();
    for (OpenSloObject o : index.all("Service")) {
      if (o.name() == null) {
        continue;
      }
      String description = null;
      if (o.spec() != null) {
        o.spec().allowOnly("description");
        description = o.spec().string("description");
      }
      out.putIfAbsent(o.name(), new ServiceSpec(o.name(), null, description, List.of(),
          List.of(), Map.of(), 0));
    }
    return out;
  }

  /** A service an SLO names without declaring it: imported services have no client. */
  private static ServiceSpec service(String name) {
    return new ServiceSpec(name, null, null, List.of(), List.of(), Map.of(), 0);
  }
}
