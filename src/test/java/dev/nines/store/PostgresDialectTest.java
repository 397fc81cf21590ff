package dev.nines.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresDialectTest {
  private final PostgresDialect dialect = new PostgresDialect();

  @ParameterizedTest(name = "SQLSTATE {0} means unavailable: {1}")
  @CsvSource({
      "08001, true",    // cannot connect (server down)
      "08006, true",    // connection failure mid-session
      "57P01, true",    // admin shutdown: pg_ctl stop
      "57P03, true",    // cannot connect now: starting up or shutting down
      "53100, true",    // disk full
      "53300, true",    // too many connections
      "40001, true",    // serialization failure
      "40P01, true",    // deadlock detected
      "23505, false",   // unique violation: a bug, not an outage
      "42P01, false",   // undefined table
  })
  void sqlStatesOfOutagesAreUnavailability(String state, boolean unavailable) {
    assertThat(dialect.isUnavailable(new SQLException("x", state))).isEqualTo(unavailable);
  }

  @Test
  void anErrorWithoutSqlStateIsUnavailability() {
    assertThat(dialect.isUnavailable(new SQLException("pool timed out"))).isTrue();
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "state {0}: conflict {1}")
  @org.junit.jupiter.params.provider.CsvSource({"40001, true", "40P01, true", "08006, false",
      "23505, false"})
  void serializationFailuresAndDeadlocksAreConflictsWorthRunningAgain(String state,
      boolean conflict) {
    assertThat(dialect.isConflict(new SQLException("x", state))).isEqualTo(conflict);
  }
}
