package dev.nines.export.grafana;

/**
 * Where Grafana finds the dashboards and how folders nest.
 *
 * @param dashboardsPath the directory Grafana reads the {@code dashboards/} tree from
 * @param flatFolders one folder level ({@code Internal - Probes}) for Grafana versions whose
 *     file provisioning creates only the innermost folder of a nested path
 */
public record GrafanaOptions(String dashboardsPath, boolean flatFolders) {
  /** The default path of the Debian package, nested folders. */
  public static final String DEFAULT_PATH = "/var/lib/grafana/dashboards/nines";

  public GrafanaOptions {
    if (dashboardsPath == null || !dashboardsPath.startsWith("/")) {
      throw new IllegalArgumentException("dashboards path " + dashboardsPath + " is not "
          + "absolute. Expected a path such as " + DEFAULT_PATH);
    }
  }

  public static GrafanaOptions defaults() {
    return new GrafanaOptions(DEFAULT_PATH, false);
  }
}
