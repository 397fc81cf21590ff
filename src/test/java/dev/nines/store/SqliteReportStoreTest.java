package dev.nines.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteReportStoreTest extends ReportStoreContract {
  @TempDir Path dir;

  @Override Store open() {
    return Stores.open(null, dir, null, null);
  }
}
