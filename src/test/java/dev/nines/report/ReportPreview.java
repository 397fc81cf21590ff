package dev.nines.report;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPreview {
  @TempDir Path dir;

  @Test
  void preview() throws Exception {
    Spec spec = SpecReader.read(ReportSeed.SPEC).spec();
    try (Store store = Stores.open(null, dir, null, null)) {
      ReportSeed.write(store);
      Files.createDirectories(Path.of("target/preview"));
      long t0 = System.nanoTime();
      MonthlyReport r = Reports.build(spec, store, MaintenanceCalendar.of(spec, List.of()), "acme",
          YearMonth.of(2026, 10), new FakeClock(ReportSeed.NOW));
      long t1 = System.nanoTime();
      for (ReportFormat f : ReportFormat.values()) {
        Files.write(Path.of("target/preview/acme-2026-10." + f.id()), Reports.render(r, f));
      }
      System.out.println("build ms " + (t1 - t0) / 1e6 + " render ms " + (System.nanoTime() - t1) / 1e6);
    }
  }
}
