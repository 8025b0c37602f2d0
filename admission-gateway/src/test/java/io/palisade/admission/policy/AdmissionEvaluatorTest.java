package io.palisade.admission.policy;

import static io.palisade.admission.AdmissionFixtures.request;
import static io.palisade.admission.AdmissionFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.review.AdmissionRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AdmissionEvaluatorTest {

  private final AdmissionRequest pod = request(review("pod-create-privileged"));

  @Test
  void allowsWhenNoPolicyFindsAnything() {
    Decision decision = new AdmissionEvaluator(List.of(finding("a"), finding("b"))).evaluate(pod);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.violations()).isEmpty();
    assertThat(decision.warnings()).isEmpty();
  }

  @Test
  void deniesOnAnEnforcedViolationJoiningTheReasonsInPolicyOrder() {
    Violation first = new Violation("p:one", "one (detail 1)", true);
    Violation warning = new Violation("p:two", "two (detail 2)", false);
    Violation third = new Violation("p:three", "three (detail 3)", true);

    Decision decision =
        new AdmissionEvaluator(
                List.of(
                    finding("p:one", first), finding("p:two", warning), finding("p:three", third)))
            .evaluate(pod);

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.denialMessage())
        .isEqualTo(
            "pods \"debug\" is forbidden: [p:one] one (detail 1), [p:three] three (detail 3)");
    assertThat(decision.violations()).containsExactly(first, warning, third);
    assertThat(decision.warnings()).as("like PSA, no warnings on a denial").isEmpty();
  }

  @Test
  void allowsWithAWarningPerUnenforcedViolation() {
    Decision decision =
        new AdmissionEvaluator(
                List.of(finding("p:warn", new Violation("p:warn", "why (detail)", false))))
            .evaluate(pod);

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.denialMessage()).isNull();
    assertThat(decision.warnings()).containsExactly("[p:warn] why (detail)");
  }

  @Test
  void namesTheGroupQualifiedResourceAndLeavesOutAnUnknownName() {
    ObjectNode review = review("deployment-create-compliant");
    ObjectNode request = (ObjectNode) review.path("request");
    request.remove("name");
    ((ObjectNode) request.path("object").path("metadata")).remove("name");
    Policy deny = finding("p", new Violation("p", "no (never)", true));

    assertThat(new AdmissionEvaluator(List.of(deny)).evaluate(request(review)).denialMessage())
        .isEqualTo("deployments.apps is forbidden: [p] no (never)");
  }

  @Test
  void listsItsPolicyNames() {
    assertThat(new AdmissionEvaluator(List.of(finding("x"), finding("y"))).policyNames())
        .containsExactly("x", "y");
  }

  private static Policy finding(String name, Violation... violations) {
    return new Policy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Violation> evaluate(AdmissionRequest request) {
        return List.of(violations);
      }
    };
  }
}
