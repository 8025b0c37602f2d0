package io.palisade.correlation.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The literal-constraint analysis behind the index, and that the index never hides a match. */
class RuleIndexTest {

  private static final FieldPath VERB = FieldPath.of("verb");
  private static final FieldPath RESOURCE = FieldPath.of("objectRef.resource");

  private static Set<String> verbs(String detection) {
    return RuleIndex.constraint(SigmaTestRules.auditRule(detection).condition(), VERB);
  }

  @Test
  void plainValuesConstrain() {
    assertThat(verbs("s:\n    verb: [Create, update]\ncondition: s"))
        .containsExactlyInAnyOrder("create", "update");
    assertThat(verbs("s:\n    verb|cased: Create\ncondition: s")).containsExactly("create");
  }

  @Test
  void wildcardsModifiersAndNullDoNotConstrain() {
    assertThat(verbs("s:\n    verb: 'cr*'\ncondition: s")).isNull();
    assertThat(verbs("s:\n    verb|contains: cr\ncondition: s")).isNull();
    assertThat(verbs("s:\n    verb: [create, null]\ncondition: s")).isNull();
    assertThat(verbs("s:\n    verb|re: create\ncondition: s")).isNull();
    assertThat(verbs("s:\n    user.username: x\ncondition: s")).isNull();
  }

  @Test
  void andTakesAnyConstrainedOperandOrTheirIntersection() {
    assertThat(verbs("s:\n    verb: create\nt:\n    user.username: x\ncondition: s and t"))
        .containsExactly("create");
    assertThat(
            verbs(
                "s:\n    verb: [create, patch]\nt:\n    verb: [patch, delete]\ncondition: s and t"))
        .containsExactly("patch");
    assertThat(verbs("s:\n    verb: create\nt:\n    verb: delete\ncondition: s and t")).isEmpty();
  }

  @Test
  void orNeedsEveryOperandConstrained() {
    assertThat(verbs("s:\n    verb: create\nt:\n    verb: delete\ncondition: s or t"))
        .containsExactlyInAnyOrder("create", "delete");
    assertThat(verbs("s:\n    verb: create\nt:\n    user.username: x\ncondition: s or t")).isNull();
    assertThat(verbs("s:\n    - verb: create\n    - user.username: x\ncondition: s")).isNull();
    assertThat(
            verbs("s:\n    - verb: create\n    - verb: get\n      user.username: x\ncondition: s"))
        .containsExactlyInAnyOrder("create", "get");
  }

  @Test
  void notNeverConstrains() {
    assertThat(verbs("s:\n    verb: create\ncondition: not s")).isNull();
    assertThat(verbs("s:\n    verb: create\nt:\n    verb: get\ncondition: s and not t"))
        .containsExactly("create");
  }

  @Test
  void candidatesAreTheMatchingBucketsPlusTheAlwaysBucket() {
    List<SigmaRule> rules = new ArrayList<>();
    rules.add(
        SigmaTestRules.auditRule(
            "s:\n    verb: create\n    objectRef.resource: pods\ncondition: s"));
    rules.add(SigmaTestRules.auditRule("s:\n    verb: delete\ncondition: s"));
    rules.add(
        SigmaTestRules.auditRule("s:\n    objectRef.resource: [pods, secrets]\ncondition: s"));
    rules.add(SigmaTestRules.auditRule("s:\n    user.username: x\ncondition: s"));
    rules.add(
        SigmaTestRules.auditRule("s:\n    verb: create\nt:\n    verb: delete\ncondition: s and t"));
    RuleIndex index = new RuleIndex(SigmaLogsource.AUDIT, rules);
    assertThat(index.alwaysEvaluated()).isEqualTo(1);
    assertThat(
            index.candidates(
                SigmaTestRules.event(
                    "{\"verb\":\"CREATE\",\"objectRef\":{\"resource\":\"pods\"}}")))
        .containsExactly(rules.get(0), rules.get(2), rules.get(3));
    assertThat(
            index.candidates(
                SigmaTestRules.event(
                    "{\"verb\":\"delete\",\"objectRef\":{\"resource\":\"secrets\"}}")))
        .containsExactly(rules.get(1), rules.get(2), rules.get(3));
    assertThat(index.candidates(SigmaTestRules.event("{\"verb\":\"get\"}")))
        .containsExactly(rules.get(3));
    assertThat(
            index.candidates(
                SigmaTestRules.event(
                    "{\"verb\":[\"create\",\"delete\"],\"objectRef\":{\"resource\":\"pods\"}}")))
        .containsExactly(rules.get(0), rules.get(1), rules.get(2), rules.get(3));
  }

  @Test
  void theIndexAgreesWithEvaluatingEveryRule() {
    List<SigmaRule> rules =
        new ArrayList<>(SigmaRuleLoader.loadDirectory(SigmaResources.path("sigmahq/rules")));
    rules.add(
        SigmaTestRules.auditRule(
            "s:\n    verb: create\nf:\n    objectRef.resource: pods\ncondition: s and not f"));
    rules.add(
        SigmaTestRules.auditRule(
            "s:\n    verb: [get, list]\nt:\n    objectRef.resource: secrets\ncondition: s or t"));
    rules.add(
        SigmaTestRules.auditRule(
            "s:\n    - verb: watch\n    - objectRef.resource: nodes\ncondition: 1 of them"));
    rules.add(
        SigmaTestRules.auditRule(
            "s:\n    verb: [create, patch]\n    objectRef.resource: [pods, deployments]\ncondition: s"));
    SigmaEngine engine = SigmaEngine.of(rules);
    List<String> verbs =
        List.of("create", "delete", "get", "list", "patch", "update", "watch", "CREATE");
    List<String> resources =
        List.of("pods", "secrets", "deployments", "events", "nodes", "serviceaccounts");
    for (String verb : verbs) {
      for (String resource : resources) {
        for (String code : List.of("200", "403")) {
          String json =
              ("{\"verb\":\"%s\",\"objectRef\":{\"resource\":\"%s\",\"subresource\":\"exec\","
                      + "\"namespace\":\"kube-system\",\"apiGroup\":\"apps\"},"
                      + "\"responseStatus\":{\"code\":%s}}")
                  .formatted(verb, resource, code);
          SigmaEvent event = SigmaTestRules.event(json);
          List<SigmaRule> bruteForce = rules.stream().filter(rule -> rule.matches(event)).toList();
          assertThat(engine.match(SigmaLogsource.AUDIT, event)).as(json).isEqualTo(bruteForce);
        }
      }
    }
  }
}
