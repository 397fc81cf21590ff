package dev.nines.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Where a command's document goes: a file when {@code -o} is given, else standard output. */
final class Output {
  private Output() {}

  static void write(CommandSpec spec, Path file, String text) throws IOException {
    if (file == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      spec.commandLine().getErr().println("wrote " + file);
    }
  }
}
