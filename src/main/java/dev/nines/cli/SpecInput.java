package dev.nines.cli;

import dev.nines.model.Durations;
import dev.nines.model.Spec;
import dev.nines.spec.ParsedSpec;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import dev.nines.spec.YamlNode;
import dev.nines.spec.YamlTree;
import dev.nines.spec.sloth.SlothAlertWindows;
import dev.nines.spec.sloth.SlothReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
record SpecInput(Spec spec, String format) {

  /**
   * Reads {@code file}, printing its problems to {@code err}; null when it cannot be used.
   *
   * @param slothPeriod Sloth's default SLO period, e.g. {@code 30d}
   * @param windows Sloth AlertWindows files
   */
  static SpecInput read(Path file, String slothPeriod, List<Path> windows, PrintWriter err) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String format = format(file.toString(), text);
      if (format.equals(SpecReader.API_VERSION)) {
        ParsedSpec parsed = ValidateCommand.read(file, err);
        return parsed == null ? null : new SpecInput(parsed.spec(), format);
      }
      return new SpecInput(sloth(file, text, Durations.parse(slothPeriod), windows), format);
    } catch (SpecException e) {
      e.problems().forEach(err::println);
      return null;
    } catch (IllegalArgumentException e) {
      err.println("--period: " + e.getMessage());
      return null;
    } catch (NoSuchFileException e) {
      err.println(e.getFile() + ": no such file");
      return null;
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return null;
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
      sets.addAll(SlothReader.readAlertWindows(w.toString(),
          Files.readString(w, StandardCharsets.UTF_8)));
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
