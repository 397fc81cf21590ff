package dev.nines.cli;

import dev.nines.spec.ParsedSpec;
import dev.nines.spec.Problem;
import dev.nines.spec.SpecLinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nines lint FILE...}: validation plus advice (too many SLOs, SLOs on non-critical endpoints). */
@Command(name = "lint", mixinStandardHelpOptions = true, description = "Validate spec files and warn about SLO practice: more "
    + "than five SLOs per client, SLOs on non-critical endpoints. Exits 1 on errors, and on "
    + "warnings with --strict.")
final class LintCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Nines spec files (YAML).")
  List<Path> files;

  @Option(names = "--strict", description = "Exit 1 when there are warnings too.")
  boolean strict;

  @Override public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int exit = 0;
    int warnings = 0;
    for (Path file : files) {
      ValidateCommand.Loaded loaded = ValidateCommand.load(file, err);
      ParsedSpec parsed = loaded.spec();
      if (parsed == null) {
        exit = Math.max(exit, loaded.exit());
        continue;
      }
      List<Problem> found = SpecLinter.lint(parsed, file.toString());
      found.forEach(out::println);
      warnings += found.size();
      if (found.isEmpty()) {
        out.println(file + ": ok, no warnings");
      }
    }
    out.flush();
    return exit > 0 ? exit : strict && warnings > 0 ? 1 : 0;
  }
}
