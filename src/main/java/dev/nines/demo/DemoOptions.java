package dev.nines.demo;

import java.net.URI;
import java.nio.file.Path;

/**
 * How a demo runs.
 *
 * @param out the output folder: rendered spec, rules, Grafana tree, logs, agent spools
 * @param port the Nines server's port (0: a free one); everything else takes a free port
 * @param dbUrl a JDBC URL, or null for SQLite in {@code dataDir}
 * @param apiToken the API token hops and agents use (e.g. NINES_API_TOKEN), or null to make one
 * @param adminPassword the console admin's password (e.g. NINES_ADMIN_PASSWORD), or null to
 *     make one
 * @param agents run the two agent regions as child processes
 * @param schedule play {@link FaultSchedule#DEFAULT}; without it faults only play on demand
 */
public record DemoOptions(Path out, int port, String dbUrl, Path dataDir, double speed,
    boolean agents, boolean schedule, String apiToken, String adminPassword, URI alertmanager,
    String smtp) {
  /** Without a real Alertmanager or SMTP server. */
  public DemoOptions(Path out, int port, String dbUrl, Path dataDir, double speed,
      boolean agents, boolean schedule, String apiToken, String adminPassword) {
    this(out, port, dbUrl, dataDir, speed, agents, schedule, apiToken, adminPassword, null, null);
  }
}
