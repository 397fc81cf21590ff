package dev.nines.export.grafana;

import java.util.List;

/**
 * {@code Internal/Infrastructure}: nodes (CPU, memory, disk from node_exporter) and
 * Kubernetes (pods from kube-state-metrics, container CPU and memory from cAdvisor), the same
 * metrics the baseline alert pack watches.
 */
final class InfrastructureDashboards {
  static final List<String> FOLDER = List.of("Internal", "Infrastructure");
  private static final String FILESYSTEMS = "fstype!~\"tmpfs|overlay|squashfs|ramfs\", "
      + "mountpoint!=\"\"";
  private static final String CONTAINERS = "container!=\"\", container!=\"POD\"";

  private InfrastructureDashboards() {}

  static List<DashboardFile> of() {
    List<String> tags = List.of("nines", "internal", "infrastructure");
    return List.of(
        DashboardFile.of(FOLDER, "Nodes", "node_exporter: CPU, memory and disk per node.", tags,
            "now-24h", List.of(
                Panel.timeseries("CPU busy", 12, "percentunit", new Target(
                    "1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m]))",
                    "{{instance}}")).withRange(0.0, 1.0),
                Panel.timeseries("Memory used", 12, "percentunit", new Target(
                    "1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes",
                    "{{instance}}")).withRange(0.0, 1.0),
                Panel.timeseries("Disk used", 12, "percentunit", new Target(
                    "1 - node_filesystem_avail_bytes{" + FILESYSTEMS
                        + "} / node_filesystem_size_bytes{" + FILESYSTEMS + "}",
                    "{{instance}} {{mountpoint}}")).withRange(0.0, 1.0)
                    .withSteps(new Panel.Step("green", null), new Panel.Step("red", 0.9)),
                Panel.timeseries("Targets down", 12, "none",
                    new Target("count by (job) (up == 0)", "{{job}}")))),
        DashboardFile.of(FOLDER, "Kubernetes", "kube-state-metrics and cAdvisor: pods, restarts, "
            + "OOM kills, container CPU and memory.", tags, "now-24h", List.of(
                Panel.timeseries("Pods by phase", 12, "none", new Target(
                    "sum by (namespace, phase) (kube_pod_status_phase)", "{{namespace}} {{phase}}")),
                Panel.timeseries("Container restarts (1h)", 12, "none", new Target(
                    "sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total[1h]))",
                    "{{namespace}}/{{pod}}")),
                Panel.timeseries("Last terminated: OOMKilled", 12, "none", new Target(
                    "sum by (namespace, pod, container) (kube_pod_container_status_last_terminated_reason"
                        + "{reason=\"OOMKilled\"})", "{{namespace}}/{{pod}} {{container}}")),
                Panel.timeseries("Container memory / limit", 12, "percentunit", new Target(
                    "container_memory_working_set_bytes{" + CONTAINERS
                        + "} / (container_spec_memory_limit_bytes{" + CONTAINERS + "} > 0)",
                    "{{namespace}}/{{pod}} {{container}}"))
                    .withSteps(new Panel.Step("green", null), new Panel.Step("red", 0.9)),
                Panel.timeseries("Container CPU", 24, "none", new Target(
                    "sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{" + CONTAINERS
                        + "}[5m]))", "{{namespace}}/{{pod}}")))));
  }
}
