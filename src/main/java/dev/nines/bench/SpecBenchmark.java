package dev.nines.bench;

import dev.nines.spec.ParsedSpec;
import dev.nines.spec.SpecException;
import dev.nines.spec.SpecReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark of spec validation: a generated spec with N SLOs (spread over clients of five
 * SLOs each, with their services, endpoints and monitors) read and validated in-process.
 * The baseline is parsing the same text into a located YAML tree without validation.
 */
public final class SpecBenchmark {
  private final int slos;
  private final PrintWriter out;

  public SpecBenchmark(int slos, PrintWriter out) {
    this.slos = slos;
    this.out = out;
  }

  /** A valid spec with {@code slos} SLOs. */
  public static String generate(int slos) {
    StringBuilder b = new StringBuilder("apiVersion: nines/v1\nregions: [eu, us, ap]\nclients:\n");
    int clients = (slos + 4) / 5;
    for (int c = 0; c < clients; c++) {
      b.append("  - name: client-").append(c).append("\n    contacts:\n")
          .append("      - {name: Owner ").append(c).append(", email: owner").append(c)
          .append("@example.com}\n");
    }
    b.append("services:\n");
    for (int c = 0; c < clients; c++) {
      b.append("  - name: svc-").append(c).append("\n    client: client-").append(c)
          .append("\n    endpoints:\n");
      for (int e = 0; e < 5; e++) {
        b.append("      - {path: /api-").append(e).append(", critical: true}\n");
      }
    }
    b.append("monitors:\n");
    for (int c = 0; c < clients; c++) {
      b.append("  - name: mon-").append(c).append("\n    service: svc-").append(c)
          .append("\n    kind: http\n    interval: 30s\n    retries: 2\n")
          .append("    request: {url: \"https://svc-").append(c)
          .append(".example.com/healthz\", expectStatus: [200]}\n");
    }
    b.append("slos:\n");
    for (int i = 0; i < slos; i++) {
      int c = i / 5;
      String kind = i % 5 == 4 ? "uptime" : i % 5 == 1 ? "latency" : "availability";
      b.append("  - name: slo-").append(i).append("\n    service: svc-").append(c);
      if (!kind.equals("uptime")) {
        b.append("\n    endpoint: /api-").append(i % 5);
      }
      b.append("\n    sli: {kind: ").append(kind);
      b.append(kind.equals("latency") ? ", threshold: 300ms" : "");
      b.append(kind.equals("uptime") ? ", source: {monitors: [mon-" + c + "]}" : "");
      b.append("}\n    target: 99.9\n    window: 30d\n    owner: client\n")
          .append("    reason: Generated for the validation benchmark.\n");
    }
    return b.toString();
  }

  /** Runs the benchmark and prints its results. */
  public void run(int runs) {
    String text = generate(slos);
    try {
      Path file = Files.createTempFile("nines-bench-", ".yaml");
      Files.writeString(file, text);
      out.printf("validate: %,d SLOs, %,d bytes, written to %s%n", slos, text.length(), file);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    Timings baseline = Timings.measure("baseline: YAML parse only", 3, runs, () -> {
      try {
        dev.nines.spec.YamlTree.parse("bench.yaml", text);
      } catch (SpecException e) {
        throw new IllegalStateException(e);
      }
    });
    Timings cold = Timings.measure("read + validate, first run in this JVM", 0, 1, () -> read(text));
    Timings warm = Timings.measure("read + validate", 3, runs, () -> read(text));
    out.println(baseline);
    out.println(cold);
    out.println(warm);
    out.printf("validate / parse = %.2fx%n", warm.median() / baseline.median());
    out.flush();
  }

  private static void read(String text) {
    try {
      ParsedSpec p = SpecReader.read("bench.yaml", text);
      if (p.spec().slos().isEmpty()) {
        throw new IllegalStateException("no SLOs read");
      }
    } catch (SpecException e) {
      throw new IllegalStateException("generated spec is invalid:\n" + e.getMessage(), e);
    }
  }
}
