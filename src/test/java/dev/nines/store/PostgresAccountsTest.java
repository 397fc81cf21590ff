package dev.nines.store;

/** The accounts contract on the PostgreSQL of {@link PostgresStoreTest#url()}. */
class PostgresAccountsTest extends AccountsContract {
  @Override Store open() throws Exception {
    String url = PostgresStoreTest.url();
    PostgresStoreTest.reset(url);
    return Stores.open(url, null, null, null);
  }
}
