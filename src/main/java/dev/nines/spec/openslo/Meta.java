package dev.nines.spec.openslo;

import dev.nines.spec.Fields;
import dev.nines.spec.YamlNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata of an OpenSLO object: name, display name, labels and annotations. A label may
 * hold a list of values (OpenSLO allows it); Nines joins them with commas.
 *
 * @param annotationFields the located annotations mapping, or null when there is none
 */
record Meta(String name, String displayName, Map<String, String> labels,
    Map<String, String> annotations, Fields annotationFields) {

  static final Meta NONE = new Meta(null, null, Map.of(), Map.of(), null);

  /** Reads {@code object.metadata}, reporting a missing name when {@code nameRequired}. */
  static Meta read(Fields object, boolean nameRequired) {
    Fields m = object.map("metadata");
    if (m == null) {
      if (nameRequired) {
        object.problems().error(object.location(), object.pathOf("metadata"),
            "is required. Expected a mapping with a name");
      }
      return NONE;
    }
    m.allowOnly("name", "displayName", "labels", "annotations");
    String name = nameRequired ? m.requireString("name") : m.string("name");
    Fields annotations = m.map("annotations");
    return new Meta(name, m.string("displayName"), labels(m),
        annotations == null ? Map.of() : m.stringMap("annotations"), annotations);
  }

  private static Map<String, String> labels(Fields m) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!(m.raw("labels") instanceof YamlNode.MapNode map)) {
      if (m.has("labels")) {
        m.error("labels", "is " + m.raw("labels").shape() + ". Expected a mapping");
      }
      return out;
    }
    String path = m.pathOf("labels");
    for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
      String value = labelValue(e.getValue());
      if (value == null) {
        m.problems().error(e.getValue().location(), path + "." + e.getKey(),
            "is " + e.getValue().shape() + ". Expected text or a list of text");
      } else {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }

  private static String labelValue(YamlNode node) {
    if (node instanceof YamlNode.Scalar s) {
      return s.isNull() ? "" : s.text();
    }
    if (node instanceof YamlNode.ListNode list) {
      List<String> values = new ArrayList<>();
      for (YamlNode item : list.items()) {
        if (!(item instanceof YamlNode.Scalar s) || s.isNull()) {
          return null;
        }
        values.add(s.text());
      }
      return String.join(",", values);
    }
    return null;
  }
}
