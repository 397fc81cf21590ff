package dev.nines.export.prometheus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The baseline internal pack: alerts every platform needs whatever its SLOs, on the metric
 * names of the standard exporters: {@code up} (Prometheus), node_exporter, kube-state-metrics
 * and cAdvisor. All are tickets for the team; none is shown to clients.
 */
public final class BaselineRules {
  /** The group's name. */
  public static final String GROUP = "nines-baseline-internal";

  private static final String FILESYSTEMS = "fstype!~\"tmpfs|overlay|squashfs|ramfs\", "
      + "mountpoint!=\"\"";

  private BaselineRules() {}

  /** The pack as one group. */
  public static RuleGroup group() {
    return new RuleGroup(GROUP, List.of(
        alert("TargetDown", "up == 0", Duration.ofMinutes(5),
            "{{$labels.job}} target {{$labels.instance}} is down.",
            "Prometheus has failed to scrape {{$labels.instance}} of job {{$labels.job}} for "
                + "5 minutes."),
        alert("NodeDiskAlmostFull",
            "(\n  1 - node_filesystem_avail_bytes{" + FILESYSTEMS + "}\n"
                + "  / node_filesystem_size_bytes{" + FILESYSTEMS + "}\n) > 0.9",
            Duration.ofMinutes(10),
            "Disk {{$labels.mountpoint}} on {{$labels.instance}} is over 90 % full.",
            "Filesystem {{$labels.device}} mounted at {{$labels.mountpoint}} has less than 10 % "
                + "space left."),
        alert("NodeMemoryHigh",
            "1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes > 0.9",
            Duration.ofMinutes(15),
            "Memory on {{$labels.instance}} is over 90 % used.",
            "Less than 10 % of the memory of {{$labels.instance}} has been available for 15 "
                + "minutes."),
        alert("ContainerOOMKilled",
            "(\n  kube_pod_container_status_restarts_total\n"
                + "  - kube_pod_container_status_restarts_total offset 10m\n) >= 1\n"
                + "and ignoring (reason)\n"
                + "min_over_time(kube_pod_container_status_last_terminated_reason"
                + "{reason=\"OOMKilled\"}[10m]) == 1",
            null,
            "Container {{$labels.container}} of {{$labels.namespace}}/{{$labels.pod}} was "
                + "OOM-killed.",
            "The container ran out of memory and was restarted in the last 10 minutes."),
        alert("ContainerRestartingOften",
            "increase(kube_pod_container_status_restarts_total[1h]) > 3", null,
            "Container {{$labels.container}} of {{$labels.namespace}}/{{$labels.pod}} restarts "
                + "often.",
            "The container restarted more than 3 times in the last hour."),
        alert("ContainerMemoryNearLimit",
            "container_memory_working_set_bytes{container!=\"\", container!=\"POD\"}\n"
                + "/ (container_spec_memory_limit_bytes{container!=\"\", container!=\"POD\"} > 0)\n"
                + "> 0.9",
            Duration.ofMinutes(15),
            "Container {{$labels.container}} of {{$labels.namespace}}/{{$labels.pod}} uses over "
                + "90 % of its memory limit.",
            "The working set has been above 90 % of the memory limit for 15 minutes; the next "
                + "step is an OOM kill.")));
  }

  private static Rule alert(String name, String expr, Duration forDuration, String summary,
      String description) {
    return new Rule.Alert(name, expr, forDuration,
        Map.of("severity", "ticket", "nines_pack", "baseline"),
        Map.of("summary", summary, "description", description));
  }
}
