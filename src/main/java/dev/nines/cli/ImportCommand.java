package dev.nines.cli;

import dev.nines.model.Spec;
import dev.nines.spec.Location;
import dev.nines.spec.Problem;
import dev.nines.spec.Problems;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecFiles;
import dev.nines.spec.SpecReader;
import dev.nines.spec.SpecWriter;
import dev.nines.spec.openslo.OpenSloReader;
import dev.nines.model.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code nines import openslo|sloth FILE...}: converts foreign specs to the native format. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Convert OpenSLO v1 (and v1alpha SLO) documents or Sloth prometheus/v1 specs "
        + "into a native Nines spec, printed as YAML. Problems are reported as "
        + "FILE:LINE:COL: path: message; exit 1 when a file is wrong.")
final class ImportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FORMAT", description = "openslo or sloth")
  String format;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Files to import; "
      + "OpenSLO files are read together so references resolve across them.")
  List<Path> files;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the spec here "
      + "instead of standard output.")
  Path output;

  @Option(names = "--period", paramLabel = "D", defaultValue = "30d",
      description = "Sloth: the SLO period when the spec names none (default 30d).")
  String period;

  @Option(names = "--windows", paramLabel = "FILE", description = "Sloth: AlertWindows "
      + "documents giving the burn-rate windows per SLO period.")
  List<Path> windows = List.of();

  @Override public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Problems warnings = new Problems();
    Spec result;
    if (!format.equals("openslo") && !format.equals("sloth")) {
      err.println("FORMAT: '" + format + "' is not an import format. Expected openslo or sloth");
      err.flush();
      return 2;
    }
    List<ImportLocations.Source> sources = new ArrayList<>();
    try {
      for (Path f : files) {
        sources.add(new ImportLocations.Source(f.toString(), SpecFiles.read(f)));
      }
      result = switch (format) {
        case "openslo" -> openSlo(sources, warnings);
        case "sloth" -> sloth(sources);
        default -> {
          err.println("FORMAT: '" + format + "' is not an import format. Expected openslo or sloth");
          yield null;
        }
      };
    } catch (SpecException e) {
      e.problems().forEach(err::println);
      err.flush();
      return 1;
    } catch (SpecFiles.UnreadableException e) {
      err.println(e.getMessage());
      err.flush();
      return 2;
    } catch (NoSuchFileException e) {
      err.println(e.getFile() + ": no such file");
      err.flush();
      return 2;
    }
    if (result == null) {
      err.flush();
      return 2;
    }
    if (empty(sources)) {
      err.println(new Location(files.get(0).toString(), 1, 1) + ": is empty. Expected "
          + (format.equals("openslo") ? "OpenSLO documents" : "a Sloth prometheus/v1 spec"));
      err.flush();
      return 1;
    }
    warnings.sorted().stream().filter(p -> p.level() == Problem.Level.WARNING)
        .forEach(err::println);
    String yaml;
    try {
      yaml = SpecWriter.write(result);
    } catch (IllegalArgumentException e) {
      // The native format cannot say it: point at the imported SLO the message names.
      err.println(new ImportLocations(sources, result).ofMessage(e.getMessage())
          + ": cannot be written as a native spec: " + e.getMessage());
      err.flush();
      return 1;
    }
    try {
      SpecReader.read("imported.yaml", yaml);
    } catch (SpecException e) {
      err.println("the imported spec is not valid on its own:");
      ImportLocations where = new ImportLocations(sources, result);
      e.problems().forEach(p -> err.println("  " + where.locate(p)));
      err.println("OpenSLO carries no monitors, clients or regions: declare them in the native "
          + "spec, or import a file that has them.");
      err.flush();
      return 1;
    }
    Output.write(spec, output, yaml);
    err.flush();
    return 0;
  }

  /** Whether the files hold no YAML document at all (nothing, or only comments). */
  private static boolean empty(List<ImportLocations.Source> sources) {
    for (ImportLocations.Source s : sources) {
      try {
        if (dev.nines.spec.YamlTree.parse(s.file(), s.text()).stream()
            .anyMatch(d -> !(d instanceof dev.nines.spec.YamlNode.Scalar x && x.isNull()))) {
          return false;
        }
      } catch (SpecException e) {
        return false;
      }
    }
    return true;
  }

  private static Spec openSlo(List<ImportLocations.Source> read, Problems warnings)
      throws SpecException {
    List<OpenSloReader.Source> sources = new ArrayList<>();
    for (ImportLocations.Source s : read) {
      sources.add(new OpenSloReader.Source(s.file(), s.text()));
    }
    return OpenSloReader.read(sources, warnings);
  }

  private Spec sloth(List<ImportLocations.Source> read) throws IOException, SpecException {
    Duration p;
    try {
      p = Durations.parse(period);
    } catch (IllegalArgumentException e) {
      throw new SpecException(List.of(new Problem(Problem.Level.ERROR,
          new Location(files.get(0).toString(), 1, 1), "--period", e.getMessage())));
    }
    if (files.size() != 1) {
      throw new SpecException(List.of(new Problem(Problem.Level.ERROR,
          new Location(files.get(1).toString(), 1, 1), "",
          "one Sloth spec at a time. Expected a single FILE")));
    }
    return SpecInput.sloth(files.get(0), read.get(0).text(), p, windows);
  }
}
