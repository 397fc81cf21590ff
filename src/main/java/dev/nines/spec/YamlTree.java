package dev.nines.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (or JSON) text into {@link YamlNode} trees with locations, one per document of a
 * multi-document stream. Duplicate keys are errors, as YAML 1.2 requires. An alias is the node
 * of its anchor (shared, so it costs no copy) and {@code <<} merges a mapping's fields, with a
 * bound on how far aliases expand the document ({@link #MAX_NODES}): readers walk the
 * expanded tree. Text over {@link #MAX_CHARS} or with a control character is refused before
 * the YAML parser sees it, at the place where it is.
 */
public final class YamlTree {
  /** The longest document read: 8 MiB of characters (what a spec file may have). */
  public static final int MAX_CHARS = SpecFiles.MAX_BYTES;
  /** Nodes a document may expand to through aliases. */
  public static final int MAX_NODES = 100_000;
  private static final String MERGE = "<<";

  private static final YAMLFactory FACTORY = new AnchoringFactory();

  /**
   * Jackson's YAML factory, making parsers that also tell the anchor of a scalar (Jackson
   * reports anchors of mappings and lists only).
   */
  private static final class AnchoringFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    AnchoringFactory() {
      // An empty plain value (`key:`) is null in YAML 1.2; Jackson reads it as "" unless told.
      configure(YAMLParser.Feature.EMPTY_STRING_AS_NULL, true);
    }

    @Override protected YAMLParser _createParser(java.io.Reader r,
        com.fasterxml.jackson.core.io.IOContext ctxt) {
      return new AnchoringParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions,
          _objectCodec, r);
    }

    @Override protected YAMLParser _createParser(char[] data, int offset, int len,
        com.fasterxml.jackson.core.io.IOContext ctxt, boolean recyclable) {
      return _createParser(new java.io.CharArrayReader(data, offset, len), ctxt);
    }
  }

  /** A YAML parser that knows the anchor of the scalar it stands on. */
  private static final class AnchoringParser extends YAMLParser {
    AnchoringParser(com.fasterxml.jackson.core.io.IOContext ctxt, int features,
        int yamlFeatures, org.yaml.snakeyaml.LoaderOptions options,
        com.fasterxml.jackson.core.ObjectCodec codec, java.io.Reader r) {
      super(ctxt, features, yamlFeatures, options, codec, r);
    }

    /** The anchor of the node whose first token the parser stands on; null when it has none. */
    String anchor() {
      return _lastEvent instanceof org.yaml.snakeyaml.events.NodeEvent e ? e.getAnchor() : null;
    }
  }

  /** A document given up: its problem is recorded. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super(null, null, false, false);
    }
  }

  /** What reading one document keeps: its anchors and how many nodes it expanded to. */
  private static final class Document {
    final Map<String, YamlNode> anchors = new HashMap<>();
    final Map<YamlNode, Integer> sizes = new java.util.IdentityHashMap<>();
    int nodes;
  }

  private YamlTree() {}

  /**
   * Parses every document in {@code content}.
   *
   * @param file the name used in locations
   * @throws SpecException on a syntax error, a duplicate key, an alias without anchor or past
   *     the bound, a control character or a document too long, located
   */
  public static List<YamlNode> parse(String file, String content) throws SpecException {
    List<Problem> problems = new ArrayList<>();
    if (content.length() > MAX_CHARS) {
      throw new SpecException(List.of(new Problem(Problem.Level.ERROR, new Location(file, 1, 1),
          "", "the document has " + content.length() + " characters, over the limit of "
              + MAX_CHARS + ". Expected a spec of at most 8 MiB")));
    }
    Problem control = controlCharacter(file, content);
    if (control != null) {
      throw new SpecException(List.of(control));
    }
    List<YamlNode> docs = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(content)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        docs.add(read(p, t, file, "", problems, new Document()));
      }
    } catch (Refused e) {
      // the problem that stopped reading is recorded
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
      List<Problem> problems, Document doc) throws IOException {
    Location at = loc(file, p.currentTokenLocation());
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      return alias(p.getText(), at, path, problems, doc);
    }
    String anchor = p instanceof AnchoringParser y ? y.anchor() : null;
    int before = doc.nodes++;
    YamlNode node = switch (t) {
      case START_OBJECT -> mapping(p, file, path, at, problems, doc);
      case START_ARRAY -> {
        List<YamlNode> items = new ArrayList<>();
        JsonToken next;
        int i = 0;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          items.add(read(p, next, file, path + "[" + i++ + "]", problems, doc));
        }
        yield new YamlNode.ListNode(at, items);
      }
      case VALUE_NULL -> new YamlNode.Scalar(at, null, YamlNode.Scalar.Kind.NULL);
      case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(at, p.getText(),
          YamlNode.Scalar.Kind.BOOLEAN);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(at, p.getText(),
          YamlNode.Scalar.Kind.NUMBER);
      default -> new YamlNode.Scalar(at, p.getText(), YamlNode.Scalar.Kind.STRING);
    };
    if (anchor != null) {
      doc.anchors.put(anchor, node);
      doc.sizes.put(node, doc.nodes - before);
    }
    return node;
  }

  private static YamlNode.MapNode mapping(JsonParser p, String file, String path, Location at,
      List<Problem> problems, Document doc) throws IOException {
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    Map<String, Location> keys = new LinkedHashMap<>();
    List<YamlNode> merged = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      Location keyAt = loc(file, p.currentTokenLocation());
      String childPath = path.isEmpty() ? key : path + "." + key;
      YamlNode value = read(p, p.nextToken(), file, childPath, problems, doc);
      if (key.equals(MERGE)) {
        merged.add(value);
      } else if (entries.containsKey(key)) {
        problems.add(new Problem(Problem.Level.ERROR, keyAt, childPath,
            "duplicate key. First written at line " + keys.get(key).line()));
      } else {
        entries.put(key, value);
        keys.put(key, keyAt);
      }
    }
    for (YamlNode m : merged) {
      // `<<: *base` or `<<: [*a, *b]`: fields written out win, then the first merged mapping.
      List<YamlNode> sources = m instanceof YamlNode.ListNode l ? l.items() : List.of(m);
      for (YamlNode source : sources) {
        if (source instanceof YamlNode.MapNode sm) {
          sm.entries().forEach((k, v) -> {
            if (!entries.containsKey(k)) {
              entries.put(k, v);
              keys.put(k, sm.keys().get(k));
            }
          });
        } else {
          problems.add(new Problem(Problem.Level.ERROR, source.location(),
              path.isEmpty() ? MERGE : path + "." + MERGE, "is " + source.shape()
                  + ". Expected a mapping (or a list of mappings) to merge"));
        }
      }
    }
    return new YamlNode.MapNode(at, entries, keys);
  }

  private static YamlNode alias(String name, Location at, String path, List<Problem> problems,
      Document doc) {
    YamlNode target = doc.anchors.get(name);
    if (target == null) {
      problems.add(new Problem(Problem.Level.ERROR, at, path, "*" + name + " refers to no "
          + "anchor. Expected an anchor &" + name + " written before it"));
      return new YamlNode.Scalar(at, null, YamlNode.Scalar.Kind.NULL);
    }
    doc.nodes += doc.sizes.get(target);
    if (doc.nodes > MAX_NODES) {
      problems.add(new Problem(Problem.Level.ERROR, at, path, "*" + name + " expands the "
          + "document past " + MAX_NODES + " nodes. Expected fewer or smaller aliases"));
      throw new Refused();
    }
    return target;
  }

  /** The first character YAML does not allow (c-printable, YAML 1.2 section 5.1), located. */
  private static Problem controlCharacter(String file, String text) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0x7E
          || c == 0x85 || c >= 0xA0 && c <= 0xFFFD;
      if (!allowed) {
        return new Problem(Problem.Level.ERROR, new Location(file, line, column), "",
            "control character " + String.format("U+%04X", (int) c) + " is not allowed in YAML. "
                + "Expected printable text");
      }
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return null;
  }

  /** SnakeYAML's message without its excerpts and event dumps: "problem (while context)". */
  private static String describe(String message) {
    if (message.startsWith("Expected a field name")) {
      return "a key is a list or a mapping. Expected text keys";
    }
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
