package dev.nines.cli;

import dev.nines.spec.ParsedSpec;
import dev.nines.spec.openslo.OpenSloWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nines export openslo FILE}: writes a native spec as OpenSLO v1 documents. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a native spec as OpenSLO v1 documents (Service, SLO, AlertPolicy, "
        + "AlertNotificationTarget). Nines-only fields travel as nines.dev/ annotations.")
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FORMAT", description = "openslo")
  String format;

  @Parameters(index = "1", paramLabel = "FILE", description = "A native Nines spec.")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write here instead "
      + "of standard output.")
  Path output;

  @Override public Integer call() throws IOException {
    if (!format.equals("openslo")) {
      spec.commandLine().getErr().println("FORMAT: '" + format + "' is not an export format. "
          + "Expected openslo");
      spec.commandLine().getErr().flush();
      return 2;
    }
    ValidateCommand.Loaded loaded = ValidateCommand.load(file, spec.commandLine().getErr());
    ParsedSpec parsed = loaded.spec();
    if (parsed == null) {
      return loaded.exit();
    }
    Output.write(spec, output, OpenSloWriter.write(parsed.spec()));
    return 0;
  }
}
