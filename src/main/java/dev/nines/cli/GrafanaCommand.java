package dev.nines.cli;

import dev.nines.export.grafana.GrafanaOptions;
import dev.nines.export.grafana.GrafanaProvisioning;
import dev.nines.export.grafana.GrafanaTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nines grafana FILE -o DIR}: Grafana provisioning with client and internal folders. */
@Command(name = "grafana", mixinStandardHelpOptions = true,
    description = "Write Grafana provisioning for a spec into DIR: a dashboards provider, a "
        + "folder per client with only their SLO dashboards, an Internal folder (burn rates, "
        + "services, probes, infrastructure), and a README on folder permissions.")
final class GrafanaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The spec.")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
      description = "The directory to write; files Nines generated before are overwritten.")
  Path output;

  @Option(names = "--dashboards-path", paramLabel = "PATH", defaultValue = GrafanaOptions.DEFAULT_PATH,
      description = "Where Grafana will read the dashboards/ tree (default ${DEFAULT-VALUE}).")
  String dashboardsPath;

  @Option(names = "--flat", description = "One folder level (Internal - Probes), for Grafana "
      + "releases whose file provisioning does not nest folders.")
  boolean flat;

  @Override public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    SpecInput input = SpecInput.read(file, "30d", List.of(), err);
    if (input.spec() == null) {
      return input.exit();
    }
    GrafanaOptions options;
    try {
      options = new GrafanaOptions(dashboardsPath, flat);
    } catch (IllegalArgumentException e) {
      err.println("--dashboards-path: " + e.getMessage());
      err.flush();
      return 2;
    }
    GrafanaTree tree = GrafanaProvisioning.generate(input.spec(), options);
    tree.warnings().forEach(w -> err.println("warning: " + w));
    for (Map.Entry<String, String> f : tree.files().entrySet()) {
      Path target = output.resolve(f.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
    }
    err.println("wrote " + tree.files().size() + " files to " + output);
    err.flush();
    return 0;
  }
}
