package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.slo.Counts;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoredCountsTest {
  static final long M0 = 29_520_000L;                      // a whole hour, in epoch minutes
  @TempDir Path dir;

  @ParameterizedTest(name = "[{0}, {1}) minutes from the hour")
  @CsvSource({"0, 600", "7, 593", "0, 45", "13, 14", "59, 61", "600, 600", "5, 4"})
  void anySpanOfMinutesEqualsTheSumOfItsMinuteBuckets(long from, long to) {
    try (Store store = Stores.open(null, dir, null, null)) {
      List<BucketDelta> d = new ArrayList<>();
      for (long m = M0 - 60; m < M0 + 660; m++) {
        d.add(new BucketDelta("x", m, m % 7, 10));
      }
      store.commitIngest(List.of(new IngestBatch(null, d, List.of(), d.size())));
      long good = 0;
      long valid = 0;
      for (long m = M0 + from; m < M0 + to; m++) {
        good += m % 7;
        valid += 10;
      }
      assertThat(StoredCounts.between(store, "x", M0 + from, M0 + to))
          .isEqualTo(new Counts(good, valid));
    }
  }

  @Test
  void anSliWithoutBucketsCountsNothing() {
    try (Store store = Stores.open(null, dir, null, null)) {
      assertThat(StoredCounts.between(store, "none", M0, M0 + 1000)).isEqualTo(Counts.ZERO);
    }
  }
}
