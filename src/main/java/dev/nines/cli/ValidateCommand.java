package dev.nines.cli;

import dev.nines.spec.ParsedSpec;
import dev.nines.spec.Problem;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecFiles;
import dev.nines.spec.SpecReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nines validate FILE...}: reports every problem of each spec and exits 1 if any is an error. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check spec files and report every problem as "
    + "FILE:LINE:COL: path: message. Exits 1 when a file has errors.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Nines spec files (YAML).")
  List<Path> files;

  @Override public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = 0;
    for (Path file : files) {
      Loaded loaded = load(file, err);
      ParsedSpec parsed = loaded.spec();
      if (parsed == null) {
        exit = Math.max(exit, loaded.exit());
      } else {
        parsed.warnings().forEach(out::println);
        out.printf("%s: ok (%d clients, %d services, %d SLOs, %d monitors)%n", file,
            parsed.spec().clients().size(), parsed.spec().services().size(),
            parsed.spec().slos().size(), parsed.spec().monitors().size());
      }
    }
    return exit;
  }

  /**
   * A spec read for a command, or why not, already printed: {@code exit} is 1 when the spec
   * has errors and 2 when the file cannot be read as a spec (missing, not UTF-8, too large).
   */
  record Loaded(ParsedSpec spec, int exit) {}

  /** Reads a spec, printing its problems to {@code err}. */
  static Loaded load(Path file, PrintWriter err) {
    try {
      return new Loaded(SpecReader.read(file), 0);
    } catch (SpecException e) {
      e.problems().forEach(p -> err.println(p));
      long errors = e.problems().stream().filter(p -> p.level() == Problem.Level.ERROR).count();
      err.printf("%s: %d error%s%n", file, errors, errors == 1 ? "" : "s");
      return new Loaded(null, 1);
    } catch (IOException e) {
      err.println(e instanceof SpecFiles.UnreadableException ? e.getMessage()
          : file + ": cannot read: " + e.getMessage());
      return new Loaded(null, 2);
    } finally {
      err.flush();
    }
  }
}
