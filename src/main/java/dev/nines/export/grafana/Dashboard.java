package dev.nines.export.grafana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Grafana dashboard in the JSON model of schema version 39: a stable uid, panels laid out
 * left to right on the 24-column grid, and every query on the Prometheus data source chosen in
 * the {@code datasource} variable.
 *
 * @param timeFrom the default range start, e.g. {@code now-30d}
 */
record Dashboard(String uid, String title, String description, List<String> tags,
    String timeFrom, List<Panel> panels) {
  static final int SCHEMA_VERSION = 39;
  static final String DATASOURCE_UID = "${datasource}";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  public Dashboard {
    tags = List.copyOf(tags);
    panels = List.copyOf(panels);
  }

  ObjectNode toJson() {
    ObjectNode d = JSON.objectNode();
    d.put("uid", uid).put("title", title).put("description", description);
    tags.forEach(d.putArray("tags")::add);
    d.put("schemaVersion", SCHEMA_VERSION).put("version", 1).put("editable", false)
        .put("graphTooltip", 1).put("timezone", "browser").put("refresh", "1m");
    d.putObject("time").put("from", timeFrom).put("to", "now");
    d.putObject("annotations").putArray("list");
    d.putObject("templating").putArray("list").add(datasourceVariable());
    d.set("panels", layout());
    return d;
  }

  private ArrayNode layout() {
    ArrayNode out = JSON.arrayNode();
    int x = 0;
    int y = 0;
    int lineHeight = 0;
    for (int i = 0; i < panels.size(); i++) {
      Panel p = panels.get(i);
      if (x + p.width() > 24) {
        x = 0;
        y += lineHeight;
        lineHeight = 0;
      }
      out.add(PanelJson.of(p, i + 1, x, y));
      x += p.width();
      lineHeight = Math.max(lineHeight, p.height());
    }
    return out;
  }

  private static ObjectNode datasourceVariable() {
    ObjectNode v = JSON.objectNode();
    v.put("name", "datasource").put("label", "Data source").put("type", "datasource")
        .put("query", "prometheus").put("refresh", 1).put("hide", 0).put("regex", "")
        .put("includeAll", false).put("multi", false);
    v.putObject("current");
    v.putArray("options");
    return v;
  }

  /** The data source reference every panel and query uses. */
  static ObjectNode datasource() {
    return JSON.objectNode().put("type", "prometheus").put("uid", DATASOURCE_UID);
  }
}
