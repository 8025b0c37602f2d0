package io.palisade.correlation.sigma;

import static io.palisade.correlation.sigma.SigmaTestRules.auditRule;
import static io.palisade.correlation.sigma.SigmaTestRules.event;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Conditions: operators, precedence, parentheses and quantifiers over selections. */
class SigmaConditionTest {

  /** Selections a, b, c true on events whose field of the same name is "1". */
  private static SigmaRule rule(String condition) {
    return auditRule(
        """
        a:
            a: 1
        b:
            b: 1
        c:
            c: 1
        _d:
            d: 1
        condition: %s"""
            .formatted(condition));
  }

  private static boolean eval(String condition, int a, int b, int c) {
    return eval(condition, a, b, c, 0);
  }

  private static boolean eval(String condition, int a, int b, int c, int d) {
    return rule(condition)
        .matches(event("{\"a\":%d,\"b\":%d,\"c\":%d,\"d\":%d}".formatted(a, b, c, d)));
  }

  @Test
  void andOrNot() {
    assertThat(eval("a and b", 1, 1, 0)).isTrue();
    assertThat(eval("a and b", 1, 0, 0)).isFalse();
    assertThat(eval("a or b", 0, 1, 0)).isTrue();
    assertThat(eval("a or b", 0, 0, 1)).isFalse();
    assertThat(eval("not a", 0, 0, 0)).isTrue();
    assertThat(eval("not a", 1, 0, 0)).isFalse();
    assertThat(eval("not not a", 1, 0, 0)).isTrue();
  }

  @Test
  void notBindsTighterThanAndWhichBindsTighterThanOr() {
    assertThat(rule("a or b and c").condition().render()).isEqualTo("(a or (b and c))");
    assertThat(rule("a and b or c").condition().render()).isEqualTo("((a and b) or c)");
    assertThat(rule("not a and b").condition().render()).isEqualTo("(not a and b)");
    assertThat(rule("not a or b").condition().render()).isEqualTo("(not a or b)");
    // a or (b and c): true by a alone
    assertThat(eval("a or b and c", 1, 0, 0)).isTrue();
    assertThat(eval("a or b and c", 0, 1, 0)).isFalse();
    // (not a) and b
    assertThat(eval("not a and b", 0, 1, 0)).isTrue();
    assertThat(eval("not a and b", 1, 1, 0)).isFalse();
  }

  @Test
  void parenthesesOverridePrecedence() {
    assertThat(rule("(a or b) and c").condition().render()).isEqualTo("((a or b) and c)");
    assertThat(eval("(a or b) and c", 1, 0, 0)).isFalse();
    assertThat(eval("(a or b) and c", 1, 0, 1)).isTrue();
    assertThat(eval("not (a or b)", 0, 0, 1)).isTrue();
    assertThat(eval("not (a or b)", 0, 1, 0)).isFalse();
    assertThat(eval("((a))", 1, 0, 0)).isTrue();
  }

  @Test
  void quantifiersOverPatterns() {
    SigmaRule rule =
        auditRule(
            """
            selection_verb:
                verb: create
            selection_resource:
                objectRef.resource: pods
            filter_user:
                user.username: admin
            condition: all of selection_* and not 1 of filter*""");
    assertThat(rule.condition().render())
        .isEqualTo("((selection_verb and selection_resource) and not filter_user)");
    assertThat(
            rule.matches(
                event(
                    "{\"verb\":\"create\",\"objectRef\":{\"resource\":\"pods\"},\"user\":{\"username\":\"bob\"}}")))
        .isTrue();
    assertThat(
            rule.matches(
                event(
                    "{\"verb\":\"create\",\"objectRef\":{\"resource\":\"pods\"},\"user\":{\"username\":\"admin\"}}")))
        .isFalse();
    assertThat(
            rule.matches(event("{\"verb\":\"create\",\"objectRef\":{\"resource\":\"secrets\"}}")))
        .isFalse();
  }

  @Test
  void oneOfAndAllOfPattern() {
    assertThat(eval("1 of a*", 1, 0, 0)).isTrue();
    assertThat(rule("1 of *").condition().render()).isEqualTo("(a or b or c or _d)");
    assertThat(eval("1 of *", 0, 0, 0, 1)).isTrue();
    assertThat(eval("all of *", 1, 1, 1, 0)).isFalse();
  }

  @Test
  void themExcludesUnderscoreIdentifiers() {
    assertThat(rule("1 of them").condition().render()).isEqualTo("(a or b or c)");
    assertThat(rule("all of them").condition().render()).isEqualTo("(a and b and c)");
    assertThat(eval("1 of them", 0, 0, 1)).isTrue();
    assertThat(eval("1 of them", 0, 0, 0, 1)).isFalse();
    assertThat(eval("all of them", 1, 1, 1)).isTrue();
    assertThat(eval("all of them", 1, 1, 0)).isFalse();
    assertThat(eval("all of them and not _d", 1, 1, 1, 1)).isFalse();
  }

  @Test
  void quantifiersBindTighterThanNot() {
    assertThat(rule("not 1 of them").condition().render()).isEqualTo("not (a or b or c)");
    assertThat(eval("not 1 of them", 0, 0, 0)).isTrue();
    assertThat(eval("not 1 of them", 0, 1, 0)).isFalse();
  }

  @Test
  void aListOfConditionsIsTheirOr() {
    SigmaRule rule =
        auditRule(
            """
            a:
                a: 1
            b:
                b: 1
            condition:
                - a
                - b""");
    assertThat(rule.conditionText()).isEqualTo("a or b");
    assertThat(rule.matches(event("{\"b\":1}"))).isTrue();
    assertThat(rule.matches(event("{\"c\":1}"))).isFalse();
  }
}
