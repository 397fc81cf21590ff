package dev.nines.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertingSpecTest {
  @Test
  void aDisabledSeverityHasNoWindowsToAlertOn() {
    AlertingSpec noPage = new AlertingSpec(null, Map.of(), Map.of(),
        new AlertTarget(false, Map.of(), Map.of()), AlertTarget.ENABLED,
        AlertWindow.googleDefaults());

    assertThat(noPage.enabledWindows()).extracting(AlertWindow::severity)
        .containsOnly(Severity.TICKET).hasSize(2);
    assertThat(AlertingSpec.defaults().enabledWindows()).hasSize(4);
  }
}
