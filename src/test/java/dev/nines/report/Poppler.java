package dev.nines.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's poppler-utils ({@code pdftotext}, {@code pdftoppm}, {@code pdfinfo},
 * {@code pdffonts}) for reading and rasterising generated PDFs. Without them tests fail under
 * {@code CI=true} and are skipped elsewhere.
 */
public final class Poppler {
  private static final List<String> TOOLS = List.of("pdftotext", "pdftoppm", "pdfinfo",
      "pdffonts");
  static final String MISSING = "poppler's " + String.join(", ", TOOLS) + " not all found in /usr/bin. Install them with "
      + "scripts/install-test-packages.sh (Debian package poppler-utils)";

  private Poppler() {}

  static void require() {
    boolean found = TOOLS.stream().allMatch(t -> Files.isExecutable(Path.of("/usr/bin", t)));
    if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(MISSING + " (CI=true: the report tests must run)");
    }
    Assumptions.assumeTrue(found, MISSING);
  }

  /** The text of a PDF with its layout kept ({@code pdftotext -layout}): table rows as lines. */
  public static String text(Path pdf) throws IOException, InterruptedException {
    return text(pdf, true);
  }

  /**
   * The text of a PDF; with {@code layout} false in reading order, so a table cell's wrapped
   * words stay together.
   */
  public static String text(Path pdf, boolean layout) throws IOException,
      InterruptedException {
    require();
    Path out = pdf.resolveSibling(pdf.getFileName() + (layout ? ".layout.txt" : ".txt"));
    if (layout) {
      run("/usr/bin/pdftotext", "-layout", pdf.toString(), out.toString());
    } else {
      run("/usr/bin/pdftotext", pdf.toString(), out.toString());
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** The number of pages, from {@code pdfinfo}. */
  public static int pageCount(Path pdf) throws IOException, InterruptedException {
    require();
    for (String line : run("/usr/bin/pdfinfo", pdf.toString()).split("\n")) {
      if (line.startsWith("Pages:")) {
        return Integer.parseInt(line.substring("Pages:".length()).strip());
      }
    }
    fail("pdfinfo printed no page count for " + pdf);
    return 0;
  }

  /** A font of the PDF as {@code pdffonts} lists it. */
  public record Font(String name, String type, boolean embedded, boolean subset) {}

  /** The fonts the PDF uses ({@code pdffonts}). */
  public static List<Font> fonts(Path pdf) throws IOException, InterruptedException {
    require();
    List<Font> fonts = new ArrayList<>();
    String[] lines = run("/usr/bin/pdffonts", pdf.toString()).split("\n");
    // name, type (may hold spaces), encoding, emb, sub, uni, object, ID: read from the right.
    for (int i = 2; i < lines.length; i++) {
      String[] f = lines[i].strip().split("\\s+");
      if (f.length < 8) {
        continue;
      }
      int n = f.length;
      String type = String.join(" ", java.util.Arrays.copyOfRange(f, 1, n - 6));
      fonts.add(new Font(f[0], type, f[n - 5].equals("yes"), f[n - 4].equals("yes")));
    }
    return fonts;
  }

  /** Renders every page as a PNG at {@code dpi} into {@code dir}; returns the files in order. */
  public static List<Path> pages(Path pdf, Path dir, int dpi) throws IOException,
      InterruptedException {
    require();
    Files.createDirectories(dir);
    String prefix = dir.resolve(pdf.getFileName().toString().replace(".pdf", "")).toString();
    try (var old = Files.list(dir)) {
      for (Path f : old.filter(f -> f.toString().startsWith(prefix)).toList()) {
        Files.delete(f); // pages of an earlier, longer rendering
      }
    }
    run("/usr/bin/pdftoppm", "-r", Integer.toString(dpi), "-png", pdf.toString(), prefix);
    List<Path> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      files.filter(f -> f.toString().startsWith(prefix) && f.toString().endsWith(".png"))
          .sorted().forEach(out::add);
    }
    return out;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }
}
