package dev.nines.cli;

import dev.nines.model.Durations;
import dev.nines.model.Spec;
import dev.nines.spec.ParsedSpec;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecFiles;
import dev.nines.spec.SpecReader;
import dev.nines.spec.YamlNode;
import dev.nines.spec.YamlTree;
import dev.nines.spec.sloth.SlothAlertWindows;
import dev.nines.spec.sloth.SlothReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec file in any format the export commands read, recognised by its first document: a
 * native spec ({@code apiVersion: nines/v1}), a Sloth spec ({@code version: prometheus/v1})
 * or OpenSLO ({@code apiVersion: openslo/...}).
 *
 * @param format the spec version as written: {@code nines/v1}, {@code prometheus/v1},
 *     {@code openslo/v1alpha} or {@code openslo/v1}
 */
record SpecInput(Spec spec, String format, int exit) {

  /**
   * Reads {@code file}, printing its problems to {@code err}; when it cannot be used, the spec
   * is null and {@code exit} says why: 1 for spec errors, 2 for unreadable input or usage.
   *
   * @param slothPeriod Sloth's default SLO period, e.g. {@code 30d}
   * @param windows Sloth AlertWindows files
   */
  static SpecInput read(Path file, String slothPeriod, List<Path> windows, PrintWriter err) {
    try {
      String text = SpecFiles.read(file);
      String format = format(file.toString(), text);
      if (format.equals(SpecReader.API_VERSION)) {
        ValidateCommand.Loaded loaded = ValidateCommand.load(file, err);
        return new SpecInput(loaded.spec() == null ? null : loaded.spec().spec(), format,
            loaded.exit());
      }
      return new SpecInput(sloth(file, text, Durations.parse(slothPeriod), windows), format, 0);
    } catch (SpecException e) {
      e.problems().forEach(err::println);
      return new SpecInput(null, null, 1);
    } catch (IllegalArgumentException e) {
      err.println("--period: " + e.getMessage());
      return new SpecInput(null, null, 2);
    } catch (IOException e) {
      err.println(e instanceof SpecFiles.UnreadableException ? e.getMessage()
          : file + ": cannot read: " + e.getMessage());
      return new SpecInput(null, null, 2);
    } finally {
      err.flush();
    }
  }

  /** A Sloth spec with its default period, and the alert windows of the AlertWindows files. */
  static Spec sloth(Path file, String text, Duration period, List<Path> windows)
      throws IOException, SpecException {
    Spec spec = SlothReader.read(file.toString(), text, period);
    List<SlothAlertWindows> sets = new ArrayList<>();
    for (Path w : windows) {
      sets.addAll(SlothReader.readAlertWindows(w.toString(), SpecFiles.read(w)));
    }
    return sets.isEmpty() ? spec : SlothReader.withAlertWindows(spec, sets);
  }

  private static String format(String file, String text) throws SpecException {
    for (YamlNode doc : YamlTree.parse(file, text)) {
      if (doc instanceof YamlNode.MapNode m) {
        String api = scalar(m.get("apiVersion"));
        String version = scalar(m.get("version"));
        if (api != null && api.startsWith("openslo/")) {
          return api;
        }
        if (api == null && version != null) {
          return version;
        }
        return SpecReader.API_VERSION;
      }
    }
    return SpecReader.API_VERSION;
  }

  private static String scalar(YamlNode node) {
    return node instanceof YamlNode.Scalar s ? s.text() : null;
  }
}
