package dev.nines.spec.openslo;

import dev.nines.model.AlertingSettings;
import dev.nines.model.ChannelSpec;
import dev.nines.model.Spec;
import dev.nines.spec.Fields;
import dev.nines.spec.Location;
import dev.nines.spec.Problem;
import dev.nines.spec.Problems;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import dev.nines.spec.SpecWriter;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code nines.dev/spec} annotation: a native Nines spec without SLOs, holding what OpenSLO
 * has no object for (time zone, regions, clients, services with their layers, endpoints and
 * attribution, monitors, channels, maintenance, alerting settings), so that a native spec
 * exported to OpenSLO imports again unchanged.
 */
final class NinesSpecAnnotation {
  static final String KEY = NinesAnnotations.PREFIX + "spec";

  private NinesSpecAnnotation() {}

  /** The annotation value for {@code spec}, or null when OpenSLO alone says everything. */
  static String of(Spec spec) {
    if (plain(spec)) {
      return null;
    }
    return SpecWriter.write(new Spec(spec.timeZone(), spec.regions(), spec.clients(),
        spec.services(), List.of(), spec.monitors(), spec.channels(), spec.maintenance(),
        spec.alerting()));
  }

  /** Whether importing the OpenSLO objects alone gives the spec back (nothing Nines-only). */
  private static boolean plain(Spec spec) {
    boolean services = spec.services().stream().allMatch(s -> s.client() == null
        && s.layers().isEmpty() && s.attribution().isEmpty() && s.quorum() == 0
        && s.endpoints().stream().allMatch(e -> e.critical() && e.method().equals("GET")));
    boolean channels = spec.channels().stream().map(ChannelSpec::client).allMatch(c -> c == null);
    return services && channels && spec.clients().isEmpty() && spec.monitors().isEmpty()
        && spec.maintenance().isEmpty() && spec.regions().isEmpty()
        && (spec.timeZone() == null || spec.timeZone().equals(ZoneOffset.UTC))
        && spec.alerting().equals(AlertingSettings.DEFAULTS);
  }

  /**
   * The native spec in the annotation of a Service, or null when it has none or it is not
   * valid (reported, each problem located in the file where the annotation's text is, as a
   * literal block below its key).
   */
  static Spec read(OpenSloObject service, Problems problems) {
    String text = service.meta().annotations().get(KEY);
    Fields annotations = service.meta().annotationFields();
    if (text == null || annotations == null) {
      return null;
    }
    Location value = annotations.at(KEY);
    int column = annotations.location().column() + 2;
    try {
      return SpecReader.read(value.file(), text).spec();
    } catch (SpecException e) {
      for (Problem p : e.problems()) {
        if (p.level() == Problem.Level.ERROR) {
          problems.error(new Location(value.file(), value.line() + p.location().line(),
              column + p.location().column() - 1), annotations.pathOf(KEY)
              + (p.path() == null || p.path().isEmpty() ? "" : "." + p.path()), p.message());
        }
      }
      return null;
    }
  }
}
