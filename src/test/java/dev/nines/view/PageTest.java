package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {
  @Test
  void pagesCutTheListAndCountTheWhole() {
    List<Integer> all = List.of(1, 2, 3, 4, 5);
    assertThat(Page.of(all, 1, 2)).isEqualTo(new Page<>(List.of(1, 2), 1, 2, 5));
    assertThat(Page.of(all, 3, 2).items()).containsExactly(5);
    assertThat(Page.of(all, 4, 2).items()).isEmpty();
    assertThat(Page.of(all, 3, 2).pages()).isEqualTo(3);
    assertThat(Page.of(List.of(), 1, 10).pages()).isEqualTo(1);
  }

  @Test
  void outOfRangePagesAndSizesAreRefused() {
    assertThatThrownBy(() -> Page.of(List.of(), 0, 10))
        .hasMessage("page: 0 is out of range. Expected 1 or more");
    assertThatThrownBy(() -> Page.of(List.of(), 1, 1001))
        .hasMessage("size: 1001 is out of range. Expected 1 to 1000");
  }
}
