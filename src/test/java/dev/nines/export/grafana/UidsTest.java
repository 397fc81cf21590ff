package dev.nines.export.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UidsTest {

  @Test
  void aUidIsAReadableSlugAndTenDigitsOfTheHash() {
    // printf Internal/Probes/faq | sha256sum starts be701a438e
    assertThat(Uids.of("Internal/Probes/faq")).isEqualTo("internal-probes-faq-be701a438e");
  }

  @Test
  void longPathsAreCutToFortyCharactersAndStayDistinct() {
    String a = Uids.of("Client - A very long client display name/the-first-slo-of-many");
    String b = Uids.of("Client - A very long client display name/the-first-slo-of-many-2");

    assertThat(a).hasSizeLessThanOrEqualTo(40).matches("[a-z0-9-]+").isNotEqualTo(b);
    assertThat(a.substring(0, 29)).isEqualTo(b.substring(0, 29));
  }

  @Test
  void slugsKeepLettersAndDigitsOnly() {
    assertThat(Uids.slug("Client - Globex / Retail")).isEqualTo("client-globex-retail");
  }
}
