package dev.nines.export.grafana;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Grafana provisioning files generated from a spec, keyed by path relative to the output
 * directory ({@code README.md}, {@code provisioning/dashboards/nines.yaml},
 * {@code dashboards/<folder>/<dashboard>.json}), and a warning per SLO left out.
 */
public record GrafanaTree(Map<String, String> files, List<String> warnings) {
  public GrafanaTree {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
    warnings = List.copyOf(warnings);
  }
}
