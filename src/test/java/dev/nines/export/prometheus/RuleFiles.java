package dev.nines.export.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rule files compared as structures: the same groups in the same order, the same rules with
 * the same names, labels, annotations and {@code for}, and expressions equal up to whitespace
 * and float printing (numbers compared numerically, within 1e-9 relative).
 */
final class RuleFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RuleFiles() {}

  /** The groups of a rule file. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> groups(String yaml) throws Exception {
    return (List<Map<String, Object>>) YAML.readValue(yaml, Map.class).get("groups");
  }

  /** Asserts that {@code actual} is equivalent to {@code expected}. */
  @SuppressWarnings("unchecked")
  static void assertEquivalent(String actual, String expected) throws Exception {
    List<Map<String, Object>> got = groups(actual);
    List<Map<String, Object>> want = groups(expected);
    assertThat(got.stream().map(g -> g.get("name")).toList())
        .containsExactlyElementsOf(want.stream().map(g -> g.get("name")).toList());
    for (int g = 0; g < want.size(); g++) {
      List<Map<String, Object>> gotRules = (List<Map<String, Object>>) got.get(g).get("rules");
      List<Map<String, Object>> wantRules = (List<Map<String, Object>>) want.get(g).get("rules");
      assertThat(gotRules).as("rules of %s", want.get(g).get("name")).hasSameSizeAs(wantRules);
      for (int r = 0; r < wantRules.size(); r++) {
        assertRule(gotRules.get(r), wantRules.get(r), want.get(g).get("name") + " rule " + r);
      }
    }
  }

  private static void assertRule(Map<String, Object> got, Map<String, Object> want, String where) {
    assertThat(got.keySet()).as(where).containsExactlyInAnyOrderElementsOf(want.keySet());
    for (String key : want.keySet()) {
      if (key.equals("expr")) {
        assertExpr((String) got.get(key), (String) want.get(key), where);
      } else {
        assertThat(got.get(key)).as(where + " " + key).isEqualTo(want.get(key));
      }
    }
  }

  /** Asserts two PromQL expressions equal up to whitespace and float printing. */
  static void assertExpr(String got, String want, String where) {
    Tokens g = tokens(got);
    Tokens w = tokens(want);
    assertThat(g.skeleton()).as(where + " expr").isEqualTo(w.skeleton());
    for (int i = 0; i < w.numbers().size(); i++) {
      double expected = w.numbers().get(i);
      assertThat(g.numbers().get(i)).as(where + " number " + i)
          .isCloseTo(expected, within(Math.abs(expected) * 1e-9));
    }
  }

  /** An expression without whitespace and with each number replaced by {@code #}, and the numbers. */
  record Tokens(String skeleton, List<Double> numbers) {}

  static Tokens tokens(String expr) {
    StringBuilder b = new StringBuilder();
    List<Double> numbers = new ArrayList<>();
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'' || c == '`') {
        int end = closing(expr, i);
        b.append(expr, i, end);
        i = end;
      } else if (Character.isDigit(c) && (i == 0 || !identifier(expr.charAt(i - 1)))) {
        int end = numberEnd(expr, i);
        if (end < expr.length() && Character.isLetter(expr.charAt(end))) {
          while (end < expr.length() && Character.isLetterOrDigit(expr.charAt(end))) {
            end++;
          }
          b.append(expr, i, end);
        } else {
          numbers.add(Double.parseDouble(expr.substring(i, end)));
          b.append('#');
        }
        i = end;
      } else {
        b.append(c);
        i++;
      }
    }
    return new Tokens(b.toString(), numbers);
  }

  private static boolean identifier(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.';
  }

  private static int closing(String s, int open) {
    int i = open + 1;
    while (i < s.length() && s.charAt(i) != s.charAt(open)) {
      i += s.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, s.length());
  }

  private static int numberEnd(String s, int start) {
    int i = start;
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      i++;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E') && i + 1 < s.length()
        && (Character.isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '-' || s.charAt(i + 1) == '+')) {
      i += 2;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
    }
    return i;
  }
}
