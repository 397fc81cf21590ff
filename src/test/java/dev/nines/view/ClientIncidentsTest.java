package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.incident.Incident;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIncidentsTest {
  static final Instant OPENED = Instant.parse("2026-11-18T10:00:00Z");

  private static Incident incident(String openedBy, List<String> slos) {
    return new Incident(1, "platform", "acme", "Page: assign-courier-success burns 14.4x",
        OPENED, null, null, openedBy, slos, List.of());
  }

  @Test
  void anIncidentFromAnAlertIsNamedAfterTheObjectivesItAffectsNeverTheAlert() throws Exception {
    Spec spec = SpecReader.read(Path.of("src/test/resources/spec/report.yaml")).spec();

    assertThat(ClientIncidents.title(incident("alert", List.of("assign-courier-success")), spec))
        .isEqualTo("Service disruption: Courier assignment");
    assertThat(ClientIncidents.title(incident("alert", List.of()), spec))
        .startsWith("Service disruption: Order import, Courier assignment and ")
        .endsWith(" more");
    assertThat(ClientIncidents.title(incident("sam", List.of()), spec))
        .isEqualTo("Page: assign-courier-success burns 14.4x");
  }
}
