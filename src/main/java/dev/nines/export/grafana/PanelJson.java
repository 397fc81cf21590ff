package dev.nines.export.grafana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON of one panel: grid position, data source, queries, field config and options. */
final class PanelJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** Panel types that show the latest value, so their queries are instant. */
  private static final java.util.Set<String> INSTANT = java.util.Set.of("stat", "bargauge", "table");

  private PanelJson() {}

  static ObjectNode of(Panel p, int id, int x, int y) {
    ObjectNode n = JSON.objectNode();
    n.put("id", id).put("type", p.type()).put("title", p.title());
    n.putObject("gridPos").put("h", p.height()).put("w", p.width()).put("x", x).put("y", y);
    switch (p.type()) {
      case "row" -> n.put("collapsed", false).putArray("panels");
      case "text" -> n.putObject("options").put("mode", "markdown").put("content", p.markdown());
      default -> query(p, n);
    }
    return n;
  }

  private static void query(Panel p, ObjectNode n) {
    n.set("datasource", Dashboard.datasource());
    boolean instant = INSTANT.contains(p.type());
    ArrayNode targets = n.putArray("targets");
    for (int i = 0; i < p.targets().size(); i++) {
      Target t = p.targets().get(i);
      targets.addObject().put("refId", String.valueOf((char) ('A' + i)))
          .<ObjectNode>set("datasource", Dashboard.datasource())
          .put("expr", t.expr()).put("legendFormat", t.legend())
          .put("range", !instant).put("instant", instant);
    }
    n.set("fieldConfig", fieldConfig(p));
    n.set("options", options(p.type()));
  }

  private static ObjectNode fieldConfig(Panel p) {
    ObjectNode config = JSON.objectNode();
    ObjectNode defaults = config.putObject("defaults");
    if (p.unit() != null) {
      defaults.put("unit", p.unit());
    }
    if (p.min() != null) {
      defaults.put("min", p.min());
    }
    if (p.max() != null) {
      defaults.put("max", p.max());
    }
    ObjectNode thresholds = defaults.putObject("thresholds").put("mode", "absolute");
    ArrayNode steps = thresholds.putArray("steps");
    if (p.steps().isEmpty()) {
      steps.addObject().put("color", "green").putNull("value");
    }
    p.steps().forEach(s -> steps.addObject().put("color", s.color()).put("value", s.value()));
    ArrayNode mappings = defaults.putArray("mappings");
    if (!p.mappings().isEmpty()) {
      ObjectNode values = mappings.addObject().put("type", "value").putObject("options");
      p.mappings().forEach(m -> values.putObject(String.valueOf(m.value()))
          .put("text", m.text()).put("color", m.color()).put("index", m.value()));
    }
    if (!p.steps().isEmpty() && p.type().equals("timeseries")) {
      defaults.putObject("custom").putObject("thresholdsStyle").put("mode", "line");
    }
    config.putArray("overrides");
    return config;
  }

  private static ObjectNode options(String type) {
    ObjectNode o = JSON.objectNode();
    switch (type) {
      case "stat", "gauge", "bargauge" -> {
        o.putObject("reduceOptions").put("values", false).put("fields", "")
            .putArray("calcs").add("lastNotNull");
        o.put("orientation", "auto");
        if (type.equals("bargauge")) {
          o.put("displayMode", "gradient");
        }
      }
      case "state-timeline" -> o.put("showValue", "auto").put("mergeValues", true)
          .putObject("legend").put("showLegend", true).put("displayMode", "list")
          .put("placement", "bottom");
      default -> {
        o.putObject("legend").put("showLegend", true).put("displayMode", "list")
            .put("placement", "bottom");
        o.putObject("tooltip").put("mode", "multi").put("sort", "desc");
      }
    }
    return o;
  }
}
