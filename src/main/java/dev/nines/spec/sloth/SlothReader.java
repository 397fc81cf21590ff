package dev.nines.spec.sloth;

import dev.nines.model.AlertingSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.SloWindow;
import dev.nines.model.Spec;
import dev.nines.spec.Fields;
import dev.nines.spec.Location;
import dev.nines.spec.Problems;
import dev.nines.spec.SpecException;
import dev.nines.spec.YamlNode;
import dev.nines.spec.YamlTree;
import dev.nines.spec.openslo.OpenSloReader;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports Sloth specs ({@code version: prometheus/v1}, one service per document) into a Nines
 * spec, keeping what Sloth needs to regenerate its rules: labels, alert name, annotations and
 * the page and ticket alerts. Like Sloth it also accepts OpenSLO {@code v1alpha} files, and it
 * reads Sloth {@code AlertWindows} documents.
 */
public final class SlothReader {
  /** Sloth's default SLO period. */
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(30);

  private SlothReader() {}

  /** Reads a Sloth spec with Sloth's default 30-day period. */
  public static Spec read(String fileName, String content) throws SpecException {
    return read(fileName, content, DEFAULT_PERIOD);
  }

  /**
   * Reads a Sloth spec; every SLO gets a rolling window of {@code defaultPeriod} (Sloth's
   * {@code --default-slo-period}). A file of OpenSLO documents is read as OpenSLO.
   *
   * @throws IllegalArgumentException when {@code defaultPeriod} is shorter than a day
   */
  public static Spec read(String fileName, String content, Duration defaultPeriod)
      throws SpecException {
    SloWindow window = new SloWindow.Rolling(defaultPeriod);
    List<YamlNode> docs = YamlTree.parse(fileName, content);
    if (docs.stream().anyMatch(SlothReader::isOpenSlo)) {
      return OpenSloReader.read(fileName, content);
    }
    Problems problems = new Problems();
    Map<String, ServiceSpec> services = new LinkedHashMap<>();
    Map<String, Location> names = new LinkedHashMap<>();
    List<SloSpec> slos = new ArrayList<>();
    for (YamlNode doc : docs) {
      Fields f = doc instanceof YamlNode.Scalar s && s.isNull() ? null : Fields.of(doc, "", problems);
      if (f == null) {
        continue;
      }
      if (AlertWindowsDocument.is(f)) {
        f.error("kind", "AlertWindows is not an SLO spec. Expected version: "
            + ServiceDocument.VERSION + "; read alert windows as their own file");
        continue;
      }
      for (SloSpec s : ServiceDocument.read(f, window)) {
        Location first = names.putIfAbsent(s.name(), f.location());
        if (first != null) {
          problems.error(f.location(), "", s.name() + " is the name of another SLO (at " + first
              + "). Expected unique SLO names");
        }
        services.computeIfAbsent(s.service(), n -> new ServiceSpec(n, null, null, List.of(),
            List.of(), Map.of(), 0));
        slos.add(s);
      }
    }
    problems.throwIfErrors();
    return new Spec(ZoneOffset.UTC, List.of(), List.of(), List.copyOf(services.values()), slos,
        List.of(), List.of());
  }

  /** Reads Sloth {@code AlertWindows} documents (one or more per file). */
  public static List<SlothAlertWindows> readAlertWindows(String fileName, String content)
      throws SpecException {
    Problems problems = new Problems();
    List<SlothAlertWindows> out = new ArrayList<>();
    for (YamlNode doc : YamlTree.parse(fileName, content)) {
      Fields f = Fields.of(doc, "", problems);
      SlothAlertWindows w = f == null ? null : AlertWindowsDocument.read(f);
      if (w != null) {
        out.add(w);
      }
    }
    problems.throwIfErrors();
    return out;
  }

  /**
   * Gives every SLO with alerting the windows meant for its period (as Sloth picks windows by
   * the SLO period). SLOs whose period no set covers keep their windows: the SRE Workbook
   * budget shares, which scale to any period.
   */
  public static Spec withAlertWindows(Spec spec, List<SlothAlertWindows> sets) {
    List<SloSpec> slos = spec.slos().stream().map(s -> withAlertWindows(s, sets)).toList();
    return new Spec(spec.timeZone(), spec.regions(), spec.clients(), spec.services(), slos,
        spec.monitors(), spec.channels());
  }

  private static SloSpec withAlertWindows(SloSpec s, List<SlothAlertWindows> sets) {
    AlertingSpec a = s.alerting();
    SlothAlertWindows set = sets.stream()
        .filter(w -> w.sloPeriod().equals(s.window().nominalLength())).findFirst().orElse(null);
    if (a == null || set == null) {
      return s;
    }
    AlertingSpec alerting = new AlertingSpec(a.name(), a.labels(), a.annotations(), a.page(),
        a.ticket(), set.windows());
    return new SloSpec(s.name(), s.service(), s.endpoint(), s.description(), s.sli(), s.target(),
        s.window(), s.owner(), s.approver(), s.reason(), s.audience(), s.budgeting(), alerting,
        s.labels());
  }

  private static boolean isOpenSlo(YamlNode doc) {
    return doc instanceof YamlNode.MapNode m && m.get("apiVersion") instanceof YamlNode.Scalar s
        && s.text() != null && s.text().startsWith("openslo/");
  }
}
