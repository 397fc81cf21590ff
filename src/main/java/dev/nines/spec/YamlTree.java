package dev.nines.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (or JSON) text into {@link YamlNode} trees with locations, one per document of a
 * multi-document stream. Duplicate keys are errors, as YAML 1.2 requires.
 */
public final class YamlTree {
  // An empty plain value (`key:`) is null in YAML 1.2; Jackson reads it as "" unless told.
  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).build();

  private YamlTree() {}

  /**
   * Parses every document in {@code content}.
   *
   * @param file the name used in locations
   * @throws SpecException on a syntax error or duplicate key, located
   */
  public static List<YamlNode> parse(String file, String content) throws SpecException {
    List<Problem> problems = new ArrayList<>();
    List<YamlNode> docs = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(content)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        docs.add(read(p, t, file, "", problems));
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      Location loc = at == null ? new Location(file, 1, 1) : loc(file, at);
      problems.add(new Problem(Problem.Level.ERROR, loc, "",
          "not valid YAML: " + describe(e.getOriginalMessage())));
    } catch (IOException e) {
      problems.add(new Problem(Problem.Level.ERROR, new Location(file, 1, 1), "", e.getMessage()));
    }
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    return docs;
  }

  private static YamlNode read(JsonParser p, JsonToken t, String file, String path,
      List<Problem> problems) throws IOException {
    Location at = loc(file, p.currentTokenLocation());
    switch (t) {
      case START_OBJECT -> {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Location> keys = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          Location keyAt = loc(file, p.currentTokenLocation());
          String childPath = path.isEmpty() ? key : path + "." + key;
          YamlNode value = read(p, p.nextToken(), file, childPath, problems);
          if (entries.containsKey(key)) {
            problems.add(new Problem(Problem.Level.ERROR, keyAt, childPath,
                "duplicate key. First written at line " + keys.get(key).line()));
          } else {
            entries.put(key, value);
            keys.put(key, keyAt);
          }
        }
        return new YamlNode.MapNode(at, entries, keys);
      }
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        JsonToken next;
        int i = 0;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(p, next, file, path + "[" + i++ + "]", problems));
        }
        return new YamlNode.ListNode(at, items);
      }
      case VALUE_NULL -> {
        return new YamlNode.Scalar(at, null, YamlNode.Scalar.Kind.NULL);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new YamlNode.Scalar(at, p.getText(), YamlNode.Scalar.Kind.BOOLEAN);
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return new YamlNode.Scalar(at, p.getText(), YamlNode.Scalar.Kind.NUMBER);
      }
      default -> {
        return new YamlNode.Scalar(at, p.getText(), YamlNode.Scalar.Kind.STRING);
      }
    }
  }

  /** SnakeYAML's message without its excerpts: "problem (while context)". */
  private static String describe(String message) {
    List<String> said = message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .toList();
    if (said.size() >= 2) {
      return said.get(said.size() - 1) + " (" + said.get(0) + ")";
    }
    return said.isEmpty() ? message : said.get(0);
  }

  private static Location loc(String file, JsonLocation l) {
    return new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }
}
