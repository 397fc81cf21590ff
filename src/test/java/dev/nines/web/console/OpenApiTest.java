package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.web.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /openapi.json} describes every {@code /api/v1} route the server registers. */
class OpenApiTest {
  @TempDir Path dir;

  @Test
  void everyRegisteredApiRouteIsInTheOpenApiDocumentAndNothingElse() throws Exception {
    try (ConsoleServer s = new ConsoleServer(dir)) {
      var r = s.session().get("/openapi.json");
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode doc = Json.MAPPER.readTree(r.body());
      assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
      List<String> registered = s.server.api().routes().stream()
          .filter(x -> x.contains(" /api/v1/")).sorted().toList();
      List<String> documented = new ArrayList<>();
      doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
      assertThat(registered).isNotEmpty();
      assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }
  }
}
