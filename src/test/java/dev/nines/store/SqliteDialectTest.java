package dev.nines.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqliteDialectTest {
  private final SqliteDialect dialect = new SqliteDialect();

  @ParameterizedTest(name = "{0} means unavailable: {1}")
  @CsvSource({
      "SQLITE_FULL, true",
      "SQLITE_IOERR, true",
      "SQLITE_IOERR_WRITE, true",
      "SQLITE_IOERR_FSYNC, true",
      "SQLITE_IOERR_SHMSIZE, true",
      "SQLITE_IOERR_TRUNCATE, true",
      "SQLITE_BUSY, true",
      "SQLITE_BUSY_SNAPSHOT, true",
      "SQLITE_LOCKED_SHAREDCACHE, true",
      "SQLITE_NOMEM, true",
      "SQLITE_READONLY_DBMOVED, true",
      "SQLITE_CANTOPEN, true",
      "SQLITE_CANTOPEN_ISDIR, true",
      "SQLITE_ERROR, false",
      "SQLITE_CONSTRAINT_PRIMARYKEY, false",
      "SQLITE_CORRUPT, false",
      "SQLITE_MISUSE, false",
  })
  void sqliteResultCodesAndTheirExtendedVariants(SQLiteErrorCode code, boolean unavailable) {
    assertThat(dialect.isUnavailable(new SQLiteException("[" + code + "]", code)))
        .isEqualTo(unavailable);
  }

  @ParameterizedTest(name = "extended code {0} means unavailable: {1}")
  @CsvSource({"13, true", "778, true", "1034, true", "4874, true", "517, true", "1555, false",
      "0, false"})
  void rawExtendedErrorCodesAreReducedToTheirPrimaryCode(int errorCode, boolean unavailable) {
    assertThat(dialect.isUnavailable(new SQLException("raw", null, errorCode)))
        .isEqualTo(unavailable);
  }

  @Test
  void aPoolTimeoutIsUnavailability() {
    assertThat(dialect.isUnavailable(new SQLTransientConnectionException("pool timed out")))
        .isTrue();
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "result code {0}: conflict {1}")
  @org.junit.jupiter.params.provider.CsvSource({"517, true", "5, false", "261, false", "13, false"})
  void onlyABusySnapshotIsAConflictWorthRunningTheTransactionAgain(int code, boolean conflict) {
    assertThat(dialect.isConflict(new SQLException("raw", null, code))).isEqualTo(conflict);
  }
}
