package dev.nines.store;

/** The alert, incident and maintenance contract on PostgreSQL at {@code NINES_TEST_PG_URL}. */
class PostgresAlertStoreTest extends AlertStoreContract {
  @Override Store open() throws Exception {
    String url = PostgresStoreTest.url();
    PostgresStoreTest.reset(url);
    return Stores.open(url, null, null, null);
  }
}
