package dev.nines.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.spec.SpecReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapBenchmarkTest {
  @TempDir Path dir;

  @Test
  void theGeneratedSpecHoldsOnlyEventSlos() throws Exception {
    var spec = SpecReader.read("heap.yaml", HeapBenchmark.generate(12)).spec();
    assertThat(spec.slos()).hasSize(12);
    assertThat(spec.services()).hasSize(3);
    assertThat(spec.slos()).allMatch(s -> s.sli().source()
        instanceof dev.nines.model.SliSource.Events);
  }

  @Test
  void aSmallRunFillsTheStoreStartsAServerAndReadsItsHeap() throws Exception {
    StringWriter text = new StringWriter();
    new HeapBenchmark(5, 1, dir, "128m", new PrintWriter(text)).run();
    String out = text.toString();
    assertThat(out).contains("heap: 5 SLIs x 1 days = 7,200 minute buckets written through the "
        + "store").contains("heap: server (-Xmx128m) started and loaded every bucket in ")
        .contains("heap: GET /api/v1/slos lists 5 SLOs").contains("heap: in use after a full GC ");
    StringWriter again = new StringWriter();
    new HeapBenchmark(5, 1, dir, "128m", new PrintWriter(again)).run();
    assertThat(again.toString()).startsWith("heap: reusing the store in " + dir.resolve("data"));
  }
}
