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
}
