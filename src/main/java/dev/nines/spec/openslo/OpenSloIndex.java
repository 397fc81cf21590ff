package dev.nines.spec.openslo;

import dev.nines.spec.Fields;
import dev.nines.spec.Problems;
import dev.nines.spec.YamlNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every top-level OpenSLO object of the given files, by kind and name, so references between
 * objects resolve across files. Checks apiVersion, kind and unique names as objects arrive.
 */
final class OpenSloIndex {
  static final String V1 = "openslo/v1";
  static final String V1ALPHA = "openslo/v1alpha";
  static final List<String> V1_KINDS = List.of("AlertCondition", "AlertNotificationTarget",
      "AlertPolicy", "DataSource", "SLI", "SLO", "Service");
  static final List<String> V1ALPHA_KINDS = List.of("SLO", "Service");

  private final Problems problems;
  private final List<OpenSloObject> objects = new ArrayList<>();
  private final Map<String, Map<String, OpenSloObject>> byKind = new LinkedHashMap<>();
  private final Set<OpenSloObject> used = Collections.newSetFromMap(new IdentityHashMap<>());

  OpenSloIndex(Problems problems) {
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  /** Adds a document: one object, or a list of objects as the OpenSLO Go SDK writes them. */
  void addDocument(YamlNode doc) {
    if (doc instanceof YamlNode.ListNode list) {
      for (int i = 0; i < list.items().size(); i++) {
        addObject(list.items().get(i), "[" + i + "]");
      }
    } else if (!(doc instanceof YamlNode.Scalar s && s.isNull())) {
      addObject(doc, "");
    }
  }

  private void addObject(YamlNode node, String path) {
    Fields f = Fields.of(node, path, problems);
    if (f == null) {
      return;
    }
    String version = apiVersion(f);
    String kind = version == null ? null : kind(f, version);
    if (kind == null) {
      return;
    }
    f.allowOnly("apiVersion", "kind", "metadata", "spec");
    OpenSloObject o = OpenSloObject.read(f, version, kind, true);
    objects.add(o);
    register(o, f);
  }

  private String apiVersion(Fields f) {
    String version = f.string("apiVersion");
    if (version == null && "prometheus/v1".equals(f.string("version"))) {
      f.error("version", "prometheus/v1 is a Sloth spec, not OpenSLO. Expected an OpenSLO "
          + "document with apiVersion openslo/v1; read Sloth specs with the Sloth importer");
    } else if (version == null) {
      OpenSloObject.required(f, "apiVersion", V1 + " or " + V1ALPHA);
    } else if (!version.equals(V1) && !version.equals(V1ALPHA)) {
      f.error("apiVersion", version + " is not supported. Expected " + V1 + " or " + V1ALPHA);
    } else {
      return version;
    }
    return null;
  }

  private String kind(Fields f, String version) {
    List<String> kinds = version.equals(V1) ? V1_KINDS : V1ALPHA_KINDS;
    String kind = f.string("kind");
    if (kind == null) {
      OpenSloObject.required(f, "kind", "one of " + String.join(", ", kinds));
    } else if (!kinds.contains(kind)) {
      f.error("kind", kind + " is not an " + version + " kind. Expected one of "
          + String.join(", ", kinds));
    } else {
      return kind;
    }
    return null;
  }

  private void register(OpenSloObject o, Fields f) {
    if (o.name() == null) {
      return;
    }
    Map<String, OpenSloObject> named = byKind.computeIfAbsent(o.kind(), k -> new LinkedHashMap<>());
    OpenSloObject first = named.putIfAbsent(o.name(), o);
    if (first != null) {
      Fields meta = f.map("metadata");
      meta.error("name", o.name() + " is declared twice (first at " + first.location()
          + "). Expected each " + o.kind() + " name once");
    }
  }

  /** Every top-level object of {@code kind}, in file order. */
  List<OpenSloObject> all(String kind) {
    return objects.stream().filter(o -> o.kind().equals(kind)).toList();
  }

  /** The top-level object of {@code kind} named {@code name}, or null. */
  OpenSloObject find(String kind, String name) {
    return byKind.getOrDefault(kind, Map.of()).get(name);
  }

  /** Resolves the reference written at {@code holder.key}, reporting a dangling one. */
  OpenSloObject resolve(String kind, Fields holder, String key) {
    String name = holder.string(key);
    if (name == null) {
      return null;
    }
    OpenSloObject o = find(kind, name);
    if (o == null) {
      holder.error(key, name + " is not declared. Expected the name of " + article(kind) + " "
          + kind + " in the given files (" + declared(kind) + ")");
    } else {
      used.add(o);
    }
    return o;
  }

  /** The declared names of a kind, for messages: {@code declared: a, b} or {@code none declared}. */
  String declared(String kind) {
    Set<String> names = new TreeSet<>(byKind.getOrDefault(kind, Map.of()).keySet());
    return names.isEmpty() ? "none declared" : "declared: " + String.join(", ", names);
  }

  void markUsed(OpenSloObject o) {
    used.add(o);
  }

  /** Warns about top-level objects of {@code kind} that no SLO uses: they are not imported. */
  void warnUnused(String kind) {
    for (OpenSloObject o : all(kind)) {
      if (!used.contains(o)) {
        problems.warning(o.location(), "", kind + " " + o.name()
            + " is not used by any SLO, so it is not imported");
      }
    }
  }

  private static String article(String kind) {
    return kind.startsWith("A") || kind.startsWith("S") && kind.length() <= 3 ? "an" : "a";
  }
}
