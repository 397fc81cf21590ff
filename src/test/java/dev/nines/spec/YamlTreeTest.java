package dev.nines.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeTest {

  @Test
  void remembersLineAndColumnOfEveryValue() throws SpecException {
    YamlNode doc = YamlTree.parse("a.yaml", "slos:\n  - name: x\n    target: 101\n").get(0);
    YamlNode.MapNode slo = (YamlNode.MapNode) ((YamlNode.ListNode) ((YamlNode.MapNode) doc)
        .get("slos")).items().get(0);
    YamlNode.Scalar target = (YamlNode.Scalar) slo.get("target");
    assertThat(target.location()).hasToString("a.yaml:3:13");
    assertThat(target.kind()).isEqualTo(YamlNode.Scalar.Kind.NUMBER);
    assertThat(slo.keys().get("target")).hasToString("a.yaml:3:5");
  }

  @Test
  void readsEveryDocumentOfAStream() throws SpecException {
    List<YamlNode> docs = YamlTree.parse("m.yaml", "kind: A\n---\nkind: B\n---\n- 1\n- 2\n");
    assertThat(docs).hasSize(3);
    assertThat(docs.get(2)).isInstanceOf(YamlNode.ListNode.class);
    assertThat(docs.get(1).location().line()).isEqualTo(3);
  }

  @Test
  void quotedNumbersStayStrings() throws SpecException {
    YamlNode.MapNode doc = (YamlNode.MapNode) YamlTree.parse("q.yaml", "a: \"99.9\"\nb: ~\n").get(0);
    assertThat(((YamlNode.Scalar) doc.get("a")).kind()).isEqualTo(YamlNode.Scalar.Kind.STRING);
    assertThat(((YamlNode.Scalar) doc.get("b")).isNull()).isTrue();
  }

  @Test
  void emptyPlainValueIsNullButEmptyQuotedValueIsText() throws SpecException {
    YamlNode.MapNode doc = (YamlNode.MapNode) YamlTree.parse("e.yaml", "a: # none\nb: ''\n").get(0);
    assertThat(((YamlNode.Scalar) doc.get("a")).isNull()).isTrue();
    assertThat(((YamlNode.Scalar) doc.get("b")).text()).isEmpty();
  }

  @Test
  void duplicateKeyIsAnErrorAtTheSecondKey() {
    assertThatThrownBy(() -> YamlTree.parse("d.yaml", "name: a\nname: b\n"))
        .isInstanceOf(SpecException.class)
        .hasMessage("d.yaml:2:1: name: duplicate key. First written at line 1");
  }

  @Test
  void syntaxErrorIsLocated() {
    assertThatThrownBy(() -> YamlTree.parse("s.yaml", "a: [1, 2\nb: c\n"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("s.yaml:")
        .hasMessageContaining("not valid YAML");
  }

  private static YamlNode.MapNode map(String text) throws SpecException {
    return (YamlNode.MapNode) YamlTree.parse("a.yaml", text).get(0);
  }

  private static String problem(String text) {
    try {
      YamlTree.parse("a.yaml", text);
      throw new AssertionError("no problem in " + text);
    } catch (SpecException e) {
      return e.getMessage();
    }
  }

  @Test
  void anAliasIsTheNodeOfItsAnchorNotItsName() throws SpecException {
    YamlNode.MapNode doc = map("owner: &dana Dana Fischer\napprover: *dana\n"
        + "base: &b {x: 1}\ncopy: *b\n");
    assertThat(((YamlNode.Scalar) doc.get("approver")).text()).isEqualTo("Dana Fischer");
    assertThat(((YamlNode.MapNode) doc.get("copy")).get("x")).isInstanceOf(YamlNode.Scalar.class);
    YamlNode.MapNode nested = map("outer: &o {inner: {v: 1}}\nagain: *o\n");
    assertThat(((YamlNode.MapNode) nested.get("again")).get("inner"))
        .isInstanceOf(YamlNode.MapNode.class);
  }

  @Test
  void mergeKeysAddTheFieldsThatAreNotWrittenOut() throws SpecException {
    YamlNode.MapNode c = (YamlNode.MapNode) map("base: &b {x: 1, y: 2}\nc:\n  y: 3\n  <<: *b\n")
        .get("c");
    assertThat(c.entries().keySet()).containsExactlyInAnyOrder("x", "y");
    assertThat(((YamlNode.Scalar) c.get("y")).text()).isEqualTo("3");
    assertThat(((YamlNode.Scalar) c.get("x")).text()).isEqualTo("1");
  }

  @Test
  void anAliasWithoutAnAnchorIsLocated() {
    assertThat(problem("a: 1\nb: *nope\n")).isEqualTo("a.yaml:2:4: b: *nope refers to no "
        + "anchor. Expected an anchor &nope written before it");
  }

  @Test
  void aliasesThatExpandPastTheBoundAreRefusedWhereTheyPassIt() {
    StringBuilder b = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 8; i++) {
      b.append("l").append(i).append(": &l").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (i - 1))))
          .append("]\n");
    }
    long start = System.nanoTime();
    assertThat(problem(b.toString())).matches("a\\.yaml:5:\\d+: l4\\[\\d\\]: \\*l3 expands "
        + "the document past 100000 nodes\\. Expected fewer or smaller aliases");
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void aKeyThatIsAListIsLocatedWithoutAParserDump() {
    assertThat(problem("? [a, b]\n: 1\n")).isEqualTo("a.yaml:1:4: not valid YAML: a key is a "
        + "list or a mapping. Expected text keys");
  }

  @Test
  void aControlCharacterIsReportedWhereItIs() {
    assertThat(problem("a: 1\nb: x\u0001y\n")).isEqualTo("a.yaml:2:5: control character "
        + "U+0001 is not allowed in YAML. Expected printable text");
  }

  @Test
  void aDocumentOverTheSizeLimitIsRefusedBeforeParsing() {
    String big = "a: " + "x".repeat(YamlTree.MAX_CHARS) + "\n";
    long start = System.nanoTime();
    assertThat(problem(big)).isEqualTo("a.yaml:1:1: the document has " + big.length()
        + " characters, over the limit of " + YamlTree.MAX_CHARS + ". Expected a spec of at "
        + "most 8 MiB");
    assertThat(System.nanoTime() - start).isLessThan(500_000_000L);
  }
}
