package dev.nines.cli;

import dev.nines.spec.ParsedSpec;
import dev.nines.spec.Problem;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    int failed = 0;
    for (Path file : files) {
      ParsedSpec parsed = read(file, err);
      if (parsed == null) {
        failed++;
      } else {
        out.printf("%s: ok (%d clients, %d services, %d SLOs, %d monitors)%n", file,
            parsed.spec().clients().size(), parsed.spec().services().size(),
            parsed.spec().slos().size(), parsed.spec().monitors().size());
      }
    }
    return failed == 0 ? 0 : 1;
  }

  /** Reads a spec, printing its problems to {@code err}; null when it has errors. */
  static ParsedSpec read(Path file, PrintWriter err) {
    try {
      if (Files.isDirectory(file)) {
        err.println(file + ": is a directory. Expected a spec file");
        return null;
      }
      return SpecReader.read(file);
    } catch (SpecException e) {
      e.problems().forEach(p -> err.println(p));
      long errors = e.problems().stream().filter(p -> p.level() == Problem.Level.ERROR).count();
      err.printf("%s: %d error%s%n", file, errors, errors == 1 ? "" : "s");
      return null;
    } catch (NoSuchFileException e) {
      err.println(file + ": no such file");
      return null;
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return null;
    } finally {
      err.flush();
    }
  }
}
