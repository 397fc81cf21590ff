package dev.nines.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteAlertStoreTest extends AlertStoreContract {
  @TempDir Path dir;

  @Override Store open() {
    return Stores.open(null, dir, null, null);
  }
}
