package dev.nines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TargetTest {

  @ParameterizedTest(name = "{0} is rejected")
  @ValueSource(strings = {"0", "100", "101", "-5"})
  void targetMustLieStrictlyBetweenZeroAndHundred(String text) {
    assertThatThrownBy(() -> Target.parse(text))
        .hasMessage(text + " is out of range. Expected 0 < target < 100");
  }

  @Test
  void budgetIsExactInDecimal() {
    assertThat(Target.parse("99.9").budgetDecimal()).isEqualByComparingTo("0.001");
    assertThat(Target.parse("99.9%").budgetRatio()).isEqualTo(0.001);
    assertThat(Target.ofRatio(new BigDecimal("0.995")).percent()).isEqualByComparingTo("99.5");
  }

  @Test
  void textThatIsNoNumberSaysSo() {
    assertThatThrownBy(() -> Target.parse("high"))
        .hasMessage("'high' is not a number. Expected a percentage such as 99.9");
  }
}
