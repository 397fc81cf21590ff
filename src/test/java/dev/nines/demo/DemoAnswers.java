package dev.nines.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading what a running demo answers and writes: API nodes, report files, PDF text. */
final class DemoAnswers {
  private DemoAnswers() {}

  static List<String> listReports(Path out) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(out.resolve("reports"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** The text of a PDF by poppler's pdftotext; null (skipped) without it, except under CI. */
  static String pdfText(Path pdf) throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/pdftotext"))) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("pdftotext is missing. Run scripts/install-test-packages.sh");
      }
      return null;
    }
    Process p = new ProcessBuilder("/usr/bin/pdftotext", "-layout", pdf.toString(), "-")
        .redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(text).isZero();
    return text;
  }

  /** One region of a monitor's API answer. */
  static JsonNode region(JsonNode monitor, String name) {
    for (JsonNode r : monitor.path("regions")) {
      if (r.path("region").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no region " + name + " in " + monitor);
  }

  /** The state a monitor or region is in at the end of the range, or null. */
  static String lastState(JsonNode monitorOrRegion) {
    JsonNode s = monitorOrRegion.path("state").path("state");
    return s.isMissingNode() || s.isNull() ? null : s.asText();
  }

  /** Every state at either end of the region's attributed spans. */
  static List<String> states(JsonNode region) {
    List<String> out = new ArrayList<>();
    region.path("timeline").forEach(s -> {
      out.add(s.path("from").asText());
      out.add(s.path("to").asText());
    });
    return out;
  }


  static String serverState(JsonNode monitors, String name) {
    for (JsonNode m : monitors) {
      if (m.path("name").asText().equals(name)) {
        return m.path("regions").path(DemoSpec.SERVER_REGION).path("state").asText(null);
      }
    }
    return null;
  }


  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
