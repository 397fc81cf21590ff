package dev.nines.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schema against the reader: valid specs pass both, each invalid spec fails both at
 * the same place, and every key the reader allows is a property of the schema and back.
 */
class SpecSchemaTest {
  private static final Path SCHEMA_FILE = Path.of("schema/nines-spec.schema.json");
  private static final Path EVERY_FIELD = Path.of("src/test/resources/spec/every-field.yaml");
  private static final Schema SCHEMA = loadSchema();
  private static final JsonNode SCHEMA_TREE = readJson(SCHEMA_FILE);

  private static final String BASE = """
      apiVersion: nines/v1
      regions: [eu, us]
      clients:
        - name: acme
          contacts:
            - {name: Dana, email: dana@acme.example}
      services:
        - name: platform
          client: acme
          endpoints:
            - {path: /orders, critical: true}
      slos:
        - name: orders
          service: platform
          endpoint: /orders
          sli: {kind: latency, threshold: 300ms}
          target: 99.9
          window: 30d
          owner: client
          audience: client
          alerting:
            windows:
              - {severity: page, long: 1h, short: 5m, budgetConsumed: 2%}
        - name: uptime
          service: platform
          sli: {kind: uptime, source: {monitors: [health]}}
          target: 99.9
          window: month
          owner: SRE team
      monitors:
        - name: health
          service: platform
          kind: http
          interval: 30s
          retries: 1
          request: {url: "https://api.acme.example/healthz", expectStatus: [200]}
        - name: db-port
          service: platform
          kind: tcp
          target: db.acme.example:5432
      channels:
        - {name: oncall, kind: webhook, url: "env:ONCALL_URL"}
        - {name: notices, kind: email, to: [dana@acme.example]}
      """;

  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void theLogisticsExampleValidates() throws IOException {
    assertThat(SCHEMA.validate(Files.readString(Path.of("examples/logistics.yaml")),
        InputFormat.YAML)).isEmpty();
  }

  @Test
  void theSpecWithEveryFieldValidates() throws IOException {
    assertThat(SCHEMA.validate(Files.readString(EVERY_FIELD), InputFormat.YAML)).isEmpty();
  }

  @Test
  void whatTheWriterWritesValidates() throws Exception {
    for (Path file : List.of(Path.of("examples/logistics.yaml"), EVERY_FIELD)) {
      String written = SpecWriter.write(SpecReader.read(file).spec());
      assertThat(SCHEMA.validate(written, InputFormat.YAML)).as(file.toString()).isEmpty();
    }
  }

  @Test
  void theBaseOfTheInvalidSpecsIsValidForBoth() throws Exception {
    assertThat(SCHEMA.validate(BASE, InputFormat.YAML)).isEmpty();
    assertThat(SpecReader.read("t.yaml", BASE).warnings()).isEmpty();
  }

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        invalid("an unknown SLO key", "owner: client", "ownr: client", "slos[0].ownr"),
        invalid("an unknown top-level key", "regions: [eu, us]", "regions: [eu, us]\nregion: eu",
            "region"),
        invalid("a missing apiVersion", "apiVersion: nines/v1\n", "", "apiVersion"),
        invalid("another apiVersion", "nines/v1", "nines/v2", "apiVersion"),
        invalid("a missing target", "    target: 99.9\n    window: 30d\n", "    window: 30d\n",
            "slos[0].target"),
        invalid("a target of 101", "target: 99.9", "target: 101", "slos[0].target"),
        invalid("a target of 100%", "target: 99.9", "target: 100%", "slos[0].target"),
        invalid("a target of 0", "target: 99.9", "target: 0", "slos[0].target"),
        invalid("an unknown SLI kind", "kind: latency", "kind: speed", "slos[0].sli.kind"),
        invalid("an unknown monitor kind", "kind: tcp", "kind: udp", "monitors[1].kind"),
        invalid("an unknown channel kind", "kind: webhook", "kind: pager", "channels[0].kind"),
        invalid("a threshold that is not a duration", "threshold: 300ms", "threshold: 300 millis",
            "slos[0].sli.threshold"),
        invalid("an interval that is not a duration", "interval: 30s", "interval: half a minute",
            "monitors[0].interval"),
        invalid("an ambiguous window", "window: 30d", "window: 1M", "slos[0].window"),
        invalid("a window both rolling and calendar", "window: 30d",
            "window: {rolling: 30d, calendar: month}", "slos[0].window"),
        invalid("a literal webhook URL", "url: \"env:ONCALL_URL\"",
            "url: \"https://hooks.example/T0/secret\"", "channels[0].url"),
        invalid("an email channel with a URL", "to: [dana@acme.example]}",
            "to: [dana@acme.example], url: \"env:X\"}", "channels[1].url"),
        invalid("an email channel without recipients", ", to: [dana@acme.example]}", "}",
            "channels[1].to"),
        invalid("a literal signing secret", "url: \"env:ONCALL_URL\"}",
            "url: \"env:ONCALL_URL\", secret: hunter2}", "channels[0].secret"),
        invalid("a slack channel with a signing secret", "kind: webhook, url: \"env:ONCALL_URL\"}",
            "kind: slack, url: \"env:ONCALL_URL\", secret: \"env:KEY\"}", "channels[0].secret"),
        invalid("an alertmanager channel with a literal URL",
            "kind: webhook, url: \"env:ONCALL_URL\"}",
            "kind: alertmanager, url: \"http://alertmanager:9093\"}", "channels[0].url"),
        invalid("an SMTP server without a host", "to: [dana@acme.example]}",
            "to: [dana@acme.example], smtp: {port: 25}}", "channels[1].smtp.host"),
        invalid("an SMTP port of 0", "to: [dana@acme.example]}",
            "to: [dana@acme.example], smtp: {host: mx.acme.example, port: 0}}",
            "channels[1].smtp.port"),
        invalid("an SMTP TLS mode of ssl", "to: [dana@acme.example]}",
            "to: [dana@acme.example], smtp: {host: mx.acme.example, tls: ssl}}",
            "channels[1].smtp.tls"),
        invalid("a literal SMTP password", "to: [dana@acme.example]}",
            "to: [dana@acme.example], smtp: {host: mx.acme.example, username: u, password: pw}}",
            "channels[1].smtp.password"),
        invalid("an SMTP password without a user", "to: [dana@acme.example]}",
            "to: [dana@acme.example], smtp: {host: mx.acme.example, password: \"env:PW\"}}",
            "channels[1].smtp.password"),
        invalid("a name with capitals", "name: orders", "name: Orders_API", "slos[0].name"),
        invalid("an http monitor without a request",
            "    request: {url: \"https://api.acme.example/healthz\", expectStatus: [200]}\n", "",
            "monitors[0].request"),
        invalid("an uptime SLI without monitors", "{kind: uptime, source: {monitors: [health]}}",
            "{kind: uptime}", "slos[1].sli.source"),
        invalid("a latency SLI without a threshold", "{kind: latency, threshold: 300ms}",
            "{kind: latency}", "slos[0].sli.threshold"),
        invalid("a threshold on an availability SLI", "{kind: latency, threshold: 300ms}",
            "{kind: availability, threshold: 300ms}", "slos[0].sli.threshold"),
        invalid("a source that is neither events nor a mapping", "threshold: 300ms}",
            "threshold: 300ms, source: kafka}", "slos[0].sli.source"),
        invalid("a Prometheus source without valid events", "threshold: 300ms}",
            "threshold: 300ms, source: {prometheus: {good: up}}}", "slos[0].sli.source.prometheus"),
        invalid("an unknown count mode", "{monitors: [health]}",
            "{monitors: [health], count: minutes}", "slos[1].sli.source.count"),
        invalid("a budget share of 150%", "budgetConsumed: 2%", "budgetConsumed: 150%",
            "slos[0].alerting.windows[0].budgetConsumed"),
        invalid("an alert window without a share or factor", ", budgetConsumed: 2%}", "}",
            "slos[0].alerting.windows[0]"),
        invalid("an unknown severity", "severity: page", "severity: urgent",
            "slos[0].alerting.windows[0].severity"),
        invalid("an unknown audience", "audience: client", "audience: public", "slos[0].audience"),
        invalid("timeslices without a slice window", "    owner: client\n",
            "    owner: client\n    budgeting: {method: timeslices, timeSliceTarget: 95%}\n",
            "slos[0].budgeting"),
        invalid("eleven retries", "retries: 1", "retries: 11", "monitors[0].retries"),
        invalid("an expected status of 600", "expectStatus: [200]", "expectStatus: [600]",
            "monitors[0].request.expectStatus"),
        invalid("a tcp target without a port", "target: db.acme.example:5432",
            "target: db.acme.example", "monitors[1].target"),
        invalid("certificate days on a tcp monitor", "target: db.acme.example:5432",
            "target: db.acme.example:5432\n    warnDays: 30", "monitors[1].warnDays"),
        invalid("keepAlive on a tcp monitor", "target: db.acme.example:5432",
            "target: db.acme.example:5432\n    keepAlive: true", "monitors[1].keepAlive"),
        invalid("retries on an external monitor", "target: db.acme.example:5432",
            "target: db.acme.example:5432\n  - {name: feed, service: platform, kind: external, "
                + "retries: 2}", "monitors[2].retries"),
        invalid("an endpoint path without a slash", "{path: /orders, critical: true}",
            "{path: orders, critical: true}", "services[0].endpoints[0].path"),
        invalid("a contact email without a domain", "email: dana@acme.example}", "email: dana}",
            "clients[0].contacts[0].email"),
        invalid("a negative quorum", "    client: acme\n", "    client: acme\n    quorum: -1\n",
            "services[0].quorum"),
        invalid("an unknown attribution", "    client: acme\n",
            "    client: acme\n    attribution: {OK->ERROR: sideways}\n",
            "services[0].attribution.OK->ERROR"));
  }

  private static Arguments invalid(String name, String from, String to, String readerPath) {
    return Arguments.of(name, from, to, readerPath);
  }

  @ParameterizedTest(name = "{0} fails the schema and the reader")
  @MethodSource("invalidSpecs")
  void anInvalidSpecFailsTheSchemaAndTheReaderAtTheSamePlace(String name, String from, String to,
      String readerPath) {
    assertThat(BASE).contains(from);
    String spec = BASE.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));

    SpecException e = catchThrowableOfType(SpecException.class,
        () -> SpecReader.read("t.yaml", spec));
    assertThat(e).as("the reader rejects it").isNotNull();
    assertThat(e.problems()).filteredOn(p -> p.level() == Problem.Level.ERROR)
        .extracting(Problem::path).contains(readerPath);

    String pointer = pointer(readerPath);
    String parent = pointer.substring(0, pointer.lastIndexOf('/'));
    String key = pointer.substring(pointer.lastIndexOf('/') + 1);
    assertThat(SCHEMA.validate(spec, InputFormat.YAML)).as("schema errors")
        .anySatisfy(error -> assertThat(error.getInstanceLocation().toString().equals(pointer)
            || error.getInstanceLocation().toString().equals(parent)
            && key.equals(error.getProperty())).isTrue());
  }

  /** Each mapping the reader checks with allowOnly, in every-field.yaml, and its schema definition. */
  static Stream<Arguments> readerObjects() {
    return Stream.of(
        object("", "#"), object("/clients/0", "client"), object("/clients/0/contacts/0", "contact"),
        object("/clients/0/components/0", "component"),
        object("/services/0", "service"), object("/services/0/layers/0", "layer"),
        object("/services/0/endpoints/0", "endpoint"), object("/slos/0", "slo"),
        object("/slos/0/sli", "sli"), object("/slos/0/window", "windowObject"),
        object("/slos/1/window", "windowObject"), object("/slos/0/budgeting", "budgeting"),
        object("/slos/0/alerting", "alerting"), object("/slos/0/alerting/page", "alertTarget"),
        object("/slos/0/alerting/ticket", "alertTarget"),
        object("/slos/0/alerting/windows/0", "alertWindow"),
        object("/slos/1/sli/source", "sourceObject"), object("/slos/4/sli/source", "sourceObject"),
        object("/slos/1/sli/source/prometheus", "prometheusQueries"),
        object("/slos/6/sli/source/metrics", "metricsQueries"),
        object("/slos/7/sli/source/metrics", "metricsQueries"),
        object("/monitors/0", "monitor"), object("/monitors/1", "monitor"),
        object("/monitors/2", "monitor"), object("/monitors/3", "monitor"),
        object("/monitors/4", "monitor"),
        object("/monitors/0/request", "httpRequest"),
        object("/monitors/0/request/assertions/0", "assertion"),
        object("/monitors/3/steps/0", "journeyStep"),
        object("/maintenance/0", "maintenance"), object("/maintenance/1", "maintenance"),
        object("/alerting", "alertingSettings"),
        object("/channels/0", "channel"), object("/channels/1", "channel"),
        object("/channels/2", "channel"), object("/channels/3", "channel"),
        object("/channels/0/smtp", "smtp"));
  }

  private static Arguments object(String pointer, String definition) {
    return Arguments.of(pointer, definition);
  }

  @ParameterizedTest(name = "{0} allows only keys of {1}")
  @MethodSource("readerObjects")
  void everyKeyTheReaderAllowsIsASchemaPropertyAndOthersFailBoth(String pointer,
      String definition) throws Exception {
    assertThat(properties(definition)).containsAll(readerKeys(pointer));
    assertThat(SCHEMA.validate(withUnknownKey(pointer), InputFormat.YAML))
        .anySatisfy(error -> assertThat(error.getProperty()).isEqualTo("zzz"));
  }

  @Test
  void everySchemaPropertyIsAllowedByTheReaderForSomeVariant() throws Exception {
    Map<String, Set<String>> readerKeys = new TreeMap<>();
    for (Arguments a : readerObjects().toList()) {
      readerKeys.computeIfAbsent((String) a.get()[1], d -> new TreeSet<>())
          .addAll(readerKeys((String) a.get()[0]));
    }
    readerKeys.forEach((definition, keys) ->
        assertThat(properties(definition)).as(definition).isEqualTo(keys));
  }

  /**
   * The keys the reader allows in the mapping at {@code pointer} of every-field.yaml, taken
   * from its own unknown-key message ("Expected one of ..."), so the test follows the reader
   * rather than a copy of its lists.
   */
  private static Set<String> readerKeys(String pointer) throws IOException {
    String spec = withUnknownKey(pointer);
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> SpecReader.read("t.yaml", spec));
    assertThat(e).as("the reader rejects zzz at " + pointer).isNotNull();
    List<String> messages = e.problems().stream()
        .filter(p -> p.path().equals("zzz") || p.path().endsWith(".zzz"))
        .map(Problem::message).toList();
    assertThat(messages).hasSize(1);
    String prefix = "unknown field. Expected one of ";
    assertThat(messages.get(0)).startsWith(prefix);
    return new TreeSet<>(Arrays.asList(messages.get(0).substring(prefix.length()).split(", ")));
  }

  private static String withUnknownKey(String pointer) throws IOException {
    ObjectNode doc = (ObjectNode) YAML.readTree(Files.readString(EVERY_FIELD));
    ((ObjectNode) doc.at(pointer)).put("zzz", "x");
    return YAML.writeValueAsString(doc);
  }

  @Test
  void everyReaderCheckOfAllowedKeysIsInTheTable() throws IOException {
    // A tripwire: a new allowOnly(...) in a reader needs a row in readerObjects() and a
    // schema definition. httpRequest and journeyStep share one call.
    int calls = 0;
    for (String reader : List.of("SpecReader", "SloReader", "MonitorReader", "MetricsSource",
        "ChannelReader")) {
      String source = Files.readString(Path.of("src/main/java/dev/nines/spec/" + reader + ".java"));
      calls += source.split("\\.allowOnly\\(", -1).length - 1;
    }
    long definitions = readerObjects().map(a -> a.get()[1]).distinct().count();
    assertThat(calls).isEqualTo(definitions - 1);
  }

  @Test
  void everyPropertyHasATitleAndADescriptionForEditors() {
    List<String> missing = new ArrayList<>();
    List<String> definitions = new ArrayList<>(List.of("#"));
    SCHEMA_TREE.get("$defs").fieldNames().forEachRemaining(definitions::add);
    for (String definition : definitions) {
      JsonNode props = definitionNode(definition).path("properties");
      props.fields().forEachRemaining(p -> {
        JsonNode property = p.getValue().has("$ref") && !p.getValue().has("title")
            ? SCHEMA_TREE.at(p.getValue().get("$ref").asText().substring(1)) : p.getValue();
        if (!property.has("title") || !property.has("description")) {
          missing.add(definition + "." + p.getKey());
        }
      });
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theSchemaIsDraft2020WithAVersionedId() {
    assertThat(SCHEMA_TREE.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(SCHEMA_TREE.get("$id").asText()).isEqualTo("https://nines.dev/schema/nines-spec-v1.json");
    assertThat(SCHEMA_TREE.at("/properties/apiVersion/const").asText())
        .isEqualTo(SpecReader.API_VERSION);
  }

  private static Set<String> properties(String definition) {
    Set<String> names = new TreeSet<>();
    definitionNode(definition).path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode definitionNode(String definition) {
    return definition.equals("#") ? SCHEMA_TREE : SCHEMA_TREE.get("$defs").get(definition);
  }

  /** The JSON pointer of a reader path: {@code slos[0].sli} is {@code /slos/0/sli}. */
  private static String pointer(String readerPath) {
    return "/" + readerPath.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
  }

  private static Schema loadSchema() {
    try {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(Files.readString(SCHEMA_FILE));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readJson(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
