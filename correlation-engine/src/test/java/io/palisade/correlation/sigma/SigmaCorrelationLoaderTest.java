package io.palisade.correlation.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.correlation.sigma.SigmaCorrelationRule.Criterion;
import io.palisade.correlation.sigma.SigmaCorrelationRule.Operator;
import io.palisade.correlation.sigma.SigmaCorrelationRule.Type;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Correlation rules: reading, references and refusals as a set. */
class SigmaCorrelationLoaderTest {

  private static final String BASE =
      """
      title: Base
      id: base-id
      name: base
      logsource: {product: kubernetes, service: audit}
      detection:
        selection:
          verb: get
        condition: selection
      ---
      title: Other
      name: other
      logsource: {product: kubernetes, service: audit}
      detection:
        selection:
          verb: list
        condition: selection
      """;

  private static SigmaRuleSet load(String correlation) {
    return SigmaRuleSet.load(
        List.of(new RuleFile("base.yml", BASE), new RuleFile("corr.yml", correlation)));
  }

  private static SigmaRuleSetException refused(String correlation) {
    return (SigmaRuleSetException) catchThrowable(correlation);
  }

  private static Throwable catchThrowable(String correlation) {
    try {
      load(correlation);
    } catch (SigmaRuleSetException e) {
      return e;
    }
    throw new AssertionError("the set was accepted");
  }

  @Test
  void readsEveryAttribute() {
    SigmaRuleSet set =
        load(
            """
            title: Many reads
            id: corr-id
            level: high
            tags: [attack.discovery, attack.t1613]
            correlation:
              type: value_count
              rules: [base-id, other]
              group-by: [who]
              aliases:
                who:
                  base: user.username
                  other: impersonatedUser.username
              timespan: 90s
              condition:
                field: objectRef.name
                gt: 5
                lte: 10
              generate: true
            """);

    SigmaCorrelationRule rule = set.correlations().get(0);
    assertThat(rule.type()).isEqualTo(Type.VALUE_COUNT);
    assertThat(rule.timespan()).isEqualTo(Duration.ofSeconds(90));
    assertThat(rule.condition().criteria())
        .containsExactly(new Criterion(Operator.GT, 5), new Criterion(Operator.LTE, 10));
    assertThat(rule.condition().lowerBoundOnly()).isFalse();
    assertThat(rule.valueField()).isEqualTo("objectRef.name");
    assertThat(rule.tactics()).containsExactly("TA0007 Discovery");
    assertThat(rule.techniques()).containsExactly("T1613");
    assertThat(rule.generate()).isTrue();

    SigmaRule base = set.detection("base-id");
    SigmaRule other = set.detection("Other");
    assertThat(set.references(base).get(0).groupFields()).containsExactly("user.username");
    assertThat(set.references(other).get(0).groupFields())
        .containsExactly("impersonatedUser.username");
    assertThat(set.references(other).get(0).position()).isEqualTo(1);
    assertThat(set.correlationFields(base)).containsExactly("user.username", "objectRef.name");
    assertThat(set.standalone(base)).isTrue();
    assertThat(set.referenced(rule)).containsExactly(base, other);
  }

  @Test
  void referencedRulesAreSilentUnlessACorrelationGenerates() {
    SigmaRuleSet set =
        load(
            """
            title: Burst
            correlation:
              type: event_count
              rules: [base]
              group-by: [user.username]
              timespan: 1m
              condition: {gte: 10}
            """);

    assertThat(set.standalone(set.detection("base-id"))).isFalse();
    assertThat(set.standalone(set.detection("Other"))).isTrue();
  }

  @Test
  void generateIsAcceptedAtTheTopLevelToo() {
    SigmaRuleSet set =
        load(
            """
            title: Burst
            generate: true
            correlation:
              type: event_count
              rules: [base]
              timespan: 1m
              condition: {gte: 10}
            """);

    assertThat(set.standalone(set.detection("base-id"))).isTrue();
    assertThat(set.correlations().get(0).groupBy()).isEmpty();
  }

  @Test
  void unknownReferencesAndChainsAreRefusedWithTheRuleNamed() {
    assertThat(
            refused(
                    """
                    title: Dangling
                    correlation:
                      type: temporal
                      rules: [base, missing]
                      timespan: 1m
                    """)
                .getMessage())
        .contains("corr.yml: rule 'Dangling'")
        .contains("refers to rule 'missing', which is not in the rule set");
    assertThat(
            refused(
                    """
                    title: First
                    name: first
                    correlation:
                      type: event_count
                      rules: [base]
                      timespan: 1m
                      condition: {gte: 2}
                    ---
                    title: Chained
                    correlation:
                      type: temporal_ordered
                      rules: [first, other]
                      timespan: 1m
                    """)
                .getMessage())
        .contains("chained correlations are not supported");
  }

  @Test
  void malformedCorrelationsAreRefusedWithLineAndConstruct() {
    assertThat(
            refused(
                    """
                    title: Summing
                    correlation:
                      type: value_sum
                      rules: [base]
                      timespan: 1m
                      condition: {field: x, gt: 5}
                    """)
                .getMessage())
        .contains("corr.yml:3:")
        .contains("correlation type 'value_sum' is not supported");
    assertThat(
            refused(
                    """
                    title: No field
                    correlation:
                      type: value_count
                      rules: [base]
                      timespan: 1m
                      condition: {gte: 5}
                    """)
                .getMessage())
        .contains("value_count needs 'field'");
    assertThat(
            refused(
                    """
                    title: Bad span
                    correlation:
                      type: event_count
                      rules: [base]
                      timespan: 1 hour
                      condition: {gte: 5}
                    """)
                .getMessage())
        .contains("corr.yml:5:")
        .contains("timespan '1 hour'");
    assertThat(
            refused(
                    """
                    title: No condition
                    correlation:
                      type: event_count
                      rules: [base]
                      timespan: 1m
                    """)
                .getMessage())
        .contains("'condition' is mandatory for event_count");
    assertThat(
            refused(
                    """
                    title: Odd alias
                    correlation:
                      type: temporal
                      rules: [base]
                      aliases:
                        who: {stranger: user.username}
                      group-by: [who]
                      timespan: 1m
                    """)
                .getMessage())
        .contains("alias 'who' names rule 'stranger'");
  }

  @Test
  void singleRuleLoadingStillRefusesCorrelationsWithAPointerToTheSet() {
    assertThatThrownBy(
            () ->
                SigmaRuleLoader.load(
                    "title: Many\ncorrelation:\n  type: event_count\n  rules: [a]\n", "x.yml"))
        .hasMessageContaining("load the rule set (SigmaRuleSet)");
  }
}
