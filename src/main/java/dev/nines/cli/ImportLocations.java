package dev.nines.cli;

import dev.nines.model.Spec;
import dev.nines.spec.Location;
import dev.nines.spec.Problem;
import dev.nines.spec.SpecException;
import dev.nines.spec.YamlNode;
import dev.nines.spec.YamlTree;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in the imported files a problem of the converted spec comes from: a problem at
 * {@code slos[N]...} of the native spec points at the document (OpenSLO) or list item
 * (Sloth) that wrote SLO N; anything else at the start of the first file.
 */
final class ImportLocations {
  private static final Pattern SLO = Pattern.compile("slos\\[(\\d+)].*");
  private static final Pattern NAMED = Pattern.compile("SLO '([^']+)'.*", Pattern.DOTALL);

  /** One imported file: its name and text. */
  record Source(String file, String text) {}

  private final List<Source> sources;
  private final Spec converted;

  ImportLocations(List<Source> sources, Spec converted) {
    this.sources = List.copyOf(sources);
    this.converted = converted;
  }

  /** {@code p} placed in the imported files. */
  Problem locate(Problem p) {
    Matcher m = SLO.matcher(p.path() == null ? "" : p.path());
    Location at = null;
    if (m.matches() && Integer.parseInt(m.group(1)) < converted.slos().size()) {
      at = find(converted.slos().get(Integer.parseInt(m.group(1))).name());
    }
    if (at == null) {
      at = new Location(sources.get(0).file(), 1, 1);
    }
    return new Problem(p.level(), at, p.path(), p.message());
  }

  /** Where the SLO a message names ({@code SLO 'NAME': ...}) was written, or the first file. */
  Location ofMessage(String message) {
    Matcher m = NAMED.matcher(message == null ? "" : message);
    Location at = m.matches() ? find(m.group(1)) : null;
    return at != null ? at : new Location(sources.get(0).file(), 1, 1);
  }

  private Location find(String slo) {
    for (Source s : sources) {
      try {
        for (YamlNode doc : YamlTree.parse(s.file(), s.text())) {
          Location at = find(doc, slo);
          if (at != null) {
            return at;
          }
        }
      } catch (SpecException e) {
        // read once already; a file that does not parse now names no SLO
      }
    }
    return null;
  }

  /** The mapping named {@code slo} (by {@code name} or {@code metadata.name}) under {@code node}. */
  private static Location find(YamlNode node, String slo) {
    List<YamlNode> pending = new ArrayList<>(List.of(node));
    int walked = 0;
    while (!pending.isEmpty() && walked++ < YamlTree.MAX_NODES) {
      YamlNode n = pending.remove(0);
      if (n instanceof YamlNode.MapNode map) {
        if (named(map.get("name"), slo) || map.get("metadata") instanceof YamlNode.MapNode meta
            && (named(meta.get("name"), slo) || prefixOf(meta.get("name"), slo))) {
          return map.location();
        }
        pending.addAll(map.entries().values());
      } else if (n instanceof YamlNode.ListNode list) {
        pending.addAll(list.items());
      }
    }
    return null;
  }

  private static boolean named(YamlNode n, String name) {
    return n instanceof YamlNode.Scalar s && name.equals(s.text());
  }

  // An OpenSLO SLO with several objectives becomes <slo>-<displayName>.
  private static boolean prefixOf(YamlNode n, String name) {
    return n instanceof YamlNode.Scalar s && s.text() != null && name.startsWith(s.text() + "-");
  }
}
