package dev.nines.export.prometheus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writer of a Prometheus rule file: {@code groups:} as Prometheus reads it, multi-line
 * expressions as literal blocks, label values that look like numbers quoted, and the
 * generation warnings as comments on top.
 */
public final class RulesYaml {
  private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .build());

  private RulesYaml() {}

  /** The rule file text: {@code header} lines and warnings as comments, then the groups. */
  public static String write(GeneratedRules rules, List<String> header) {
    StringBuilder b = new StringBuilder();
    header.forEach(h -> b.append("# ").append(h).append('\n'));
    rules.warnings().forEach(w -> b.append("# warning: ").append(w).append('\n'));
    if (b.length() > 0) {
      b.append('\n');
    }
    List<Map<String, Object>> groups = rules.groups().stream().map(RulesYaml::group).toList();
    try {
      return b.append(YAML.writeValueAsString(Map.of("groups", groups))).toString();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An expression with quotes ends in a newline, so it is written as a readable literal block. */
  private static String block(String expr) {
    return expr.contains("\"") && !expr.endsWith("\n") ? expr + "\n" : expr;
  }

  private static Map<String, Object> group(RuleGroup g) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", g.name());
    out.put("rules", g.rules().stream().map(RulesYaml::rule).toList());
    return out;
  }

  private static Map<String, Object> rule(Rule r) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (r) {
      case Rule.Recording rec -> {
        out.put("record", rec.name());
        out.put("expr", block(rec.expr()));
      }
      case Rule.Alert alert -> {
        out.put("alert", alert.name());
        out.put("expr", block(alert.expr()));
        if (alert.forDuration() != null) {
          out.put("for", PromQl.duration(alert.forDuration()));
        }
      }
    }
    if (!r.labels().isEmpty()) {
      out.put("labels", r.labels());
    }
    if (r instanceof Rule.Alert alert && !alert.annotations().isEmpty()) {
      out.put("annotations", alert.annotations());
    }
    return out;
  }
}
