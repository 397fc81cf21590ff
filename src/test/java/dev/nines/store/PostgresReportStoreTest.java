package dev.nines.store;

/** The report, daily uptime and subscriber contract on PostgreSQL at {@code NINES_TEST_PG_URL}. */
class PostgresReportStoreTest extends ReportStoreContract {
  @Override Store open() throws Exception {
    String url = PostgresStoreTest.url();
    PostgresStoreTest.reset(url);
    return Stores.open(url, null, null, null);
  }
}
