package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nines.ingest.EventParser;
import dev.nines.testing.FakeClock;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openapi.json} and the request readers are one source: a client written from the
 * document gets its requests accepted, and every field a reader accepts is documented.
 */
class OpenApiRequestSchemasTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  @TempDir static Path dir;
  /** The paths that take pushed data, whose request schemas this test sends. */
  static final List<String> INGESTION = List.of("/api/v1/events", "/api/v1/observations",
      "/api/v1/agent/results");
  static ServerHarness h;
  static JsonNode doc;
  static int keys;

  @BeforeAll
  static void start() throws Exception {
    h = new ServerHarness(dir);
    try (InputStream in = OpenApiRequestSchemasTest.class.getResourceAsStream("/openapi.json")) {
      doc = Json.MAPPER.readTree(in);
    }
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void anExampleBuiltFromEveryRequestSchemaIsAccepted() throws Exception {
    List<String> sent = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      if (!INGESTION.contains(path.getKey())) {
        continue;   // the operations API has its own tests (OperationsTest)
      }
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        JsonNode body = op.getValue().get("requestBody");
        if (body == null) {
          continue;
        }
        for (Map.Entry<String, JsonNode> content : body.get("content").properties()) {
          for (JsonNode schema : alternatives(content.getValue().get("schema"))) {
            JsonNode example = example(schema);
            String text = content.getKey().equals("application/x-ndjson")
                ? example + "\n" + example + "\n" : example.toString();
            HttpRequest.Builder r = h.post(path.getKey(), text)
                .header("Content-Type", content.getKey());
            for (JsonNode p : op.getValue().path("parameters")) {
              if (p.get("in").asText().equals("header")) {
                r.header(p.get("name").asText(), "example-" + keys++);
              }
            }
            HttpResponse<String> answer = h.send(r);
            assertThat(answer.statusCode()).as("%s %s (%s): %s -> %s", op.getKey(),
                path.getKey(), content.getKey(), text, answer.body()).isBetween(200, 299);
            assertThat(Json.MAPPER.readTree(answer.body()).path("rejected").asInt(0))
                .as(answer.body()).isZero();
            sent.add(op.getKey() + " " + path.getKey() + " " + content.getKey());
          }
        }
      }
    }
    assertThat(sent).contains("post /api/v1/events application/json",
        "post /api/v1/events application/x-ndjson", "post /api/v1/observations application/json",
        "post /api/v1/agent/results application/json");
  }

  @Test
  void everyFieldTheReadersAcceptIsDocumentedAndNothingElse() {
    assertThat(properties("RequestEvent")).containsExactlyElementsOf(EventParser.FIELDS);
    assertThat(properties("Observation")).containsExactlyElementsOf(ObservationsHandler.FIELDS);
    assertThat(properties("AgentPayload")).containsExactlyElementsOf(AgentPayloadReader.FIELDS);
    assertThat(properties("AgentAttempt"))
        .containsExactlyElementsOf(AgentPayloadReader.ATTEMPT_FIELDS);
    assertThat(properties("AgentState")).containsExactlyElementsOf(AgentPayloadReader.STATE_FIELDS);
  }

  @Test
  void theEventsDocumentNamesDurationMsAndLayer() {
    assertThat(doc.toString()).doesNotContain("durationMillis");
    assertThat(properties("RequestEvent")).contains("durationMs", "layer");
  }

  private static List<String> properties(String schema) {
    List<String> names = new ArrayList<>();
    doc.at("/components/schemas/" + schema + "/properties").fieldNames()
        .forEachRemaining(names::add);
    return names;
  }

  /** The schemas a body may follow: each branch of a oneOf, or the schema itself. */
  private static List<JsonNode> alternatives(JsonNode schema) {
    List<JsonNode> out = new ArrayList<>();
    (schema.has("oneOf") ? schema.get("oneOf") : F.arrayNode().add(schema)).forEach(out::add);
    return out;
  }

  /**
   * A value of {@code schema}: its example, else its first enum value, else one of its type
   * with every property filled in; times are the server's now (date-time strings, and integers
   * whose {@code x-unit} is epoch milliseconds).
   */
  private static JsonNode example(JsonNode schema) {
    if (schema.has("$ref")) {
      return example(doc.at(schema.get("$ref").asText().substring(1)));
    }
    if (schema.has("example")) {
      return schema.get("example");
    }
    if (schema.has("enum")) {
      return schema.get("enum").get(0);
    }
    if (schema.has("oneOf")) {
      return example(schema.get("oneOf").get(0));
    }
    String type = schema.path("type").isArray() ? schema.get("type").get(0).asText()
        : schema.path("type").asText();
    return switch (type) {
      case "object" -> {
        ObjectNode o = F.objectNode();
        schema.path("properties").properties().forEach(p -> o.set(p.getKey(), example(p.getValue())));
        yield o;
      }
      case "array" -> {
        ArrayNode a = F.arrayNode();
        a.add(example(schema.get("items")));
        yield a;
      }
      case "string" -> F.textNode("date-time".equals(schema.path("format").asText())
          ? FakeClock.NOW.toString() : "example");
      case "integer" -> "epoch-milliseconds".equals(schema.path("x-unit").asText())
          ? F.numberNode(FakeClock.NOW.toEpochMilli()) : F.numberNode(schema.path("minimum").asLong(1));
      case "number" -> F.numberNode(schema.path("minimum").asDouble(1));
      case "boolean" -> F.booleanNode(true);
      default -> F.nullNode();
    };
  }
}
