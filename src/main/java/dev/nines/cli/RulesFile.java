package dev.nines.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.nines.uptime.AttributionTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An attribution-rule override file: a YAML or JSON map such as {@code OK->UNKNOWN: down},
 * applied over the default table. JSON when the name ends in {@code .json}, YAML otherwise.
 */
final class RulesFile {
  private static final String EXPECTED = "Expected a YAML or JSON map such as OK->UNKNOWN: down";

  private RulesFile() {}

  /**
   * Reads the overrides and applies them over {@link AttributionTable#defaults()}.
   *
   * @throws IllegalArgumentException with one line per problem, each starting with the file
   */
  static AttributionTable read(Path file) {
    JsonNode root = readTree(file);
    if (root == null || root.isMissingNode() || root.isNull()) {
      return AttributionTable.defaults();
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(file + ": found "
          + root.getNodeType().name().toLowerCase(Locale.ROOT) + " at the top level. " + EXPECTED);
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    root.properties().forEach(e -> overrides.put(e.getKey(),
        e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    try {
      return AttributionTable.parse(overrides);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(Arrays.stream(e.getMessage().split("\n"))
          .map(line -> file + ": " + line)
          .collect(Collectors.joining("\n")));
    }
  }

  /** The message without the source excerpts that YAML parsers add on indented lines. */
  private static String headline(String message) {
    return Arrays.stream(message.split("\n"))
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .collect(Collectors.joining(": "));
  }

  private static JsonNode readTree(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file. " + EXPECTED);
    }
    ObjectMapper mapper = file.toString().endsWith(".json") ? new JsonMapper() : new YAMLMapper();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    try {
      return mapper.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new IllegalArgumentException(file + where + ": " + headline(e.getOriginalMessage())
          + ". " + EXPECTED);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
