package dev.nines.probe;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitution of {@code ${name}} with values extracted by earlier journey steps. Values are
 * inserted as they are, without URL or JSON escaping.
 */
final class Variables {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  private Variables() {}

  /**
   * The text with every reference replaced; null stays null.
   *
   * @throws IllegalArgumentException naming the first reference without a value
   */
  static String substitute(String text, Map<String, String> values) {
    if (text == null || text.indexOf("${") < 0) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("${" + m.group(1) + "}: not set. Expected a value "
            + "extracted by an earlier step");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }
}
