package dev.nines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecTest {
  @ParameterizedTest(name = "a majority of {0} regions is {1}")
  @CsvSource(textBlock = """
      1, 1
      2, 2
      3, 2
      4, 3
      5, 3
      """)
  void majorityIsMoreThanHalf(int regions, int expected) {
    assertThat(Spec.majority(regions)).isEqualTo(expected);
  }

  @Test
  void majorityOfNoRegionsIsRejected() {
    assertThatThrownBy(() -> Spec.majority(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("regions 0 is too few for a majority. Expected at least 1 region");
  }
}
