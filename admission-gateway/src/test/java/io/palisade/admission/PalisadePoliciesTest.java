package io.palisade.admission;

import static io.palisade.admission.AdmissionFixtures.json;
import static io.palisade.admission.AdmissionFixtures.request;
import static io.palisade.admission.AdmissionFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.palisade.admission.policy.AdmissionEvaluator;
import io.palisade.admission.policy.Decision;
import io.palisade.admission.policy.Policy;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.policy.images.ImageSettings;
import io.palisade.admission.policy.interactive.InteractiveAccessSettings;
import io.palisade.admission.policy.labels.LabelRequirement;
import io.palisade.admission.policy.labels.RequiredLabelsSettings;
import io.palisade.admission.review.AdmissionRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Palisade policies as registered by {@link AdmissionPolicies#palisade}, on the module's
 * AdmissionReview cases (see {@code admission-review/README.md}) read through the real reader.
 */
class PalisadePoliciesTest {

  /** Defaults plus what the corpus README calls "our policy set": an approved registry, a label. */
  private static final PalisadePolicySettings SETTINGS =
      new PalisadePolicySettings(
          new ImageSettings(List.of("registry.example.com/"), Set.of("latest"), List.of()),
          PalisadePolicySettings.defaults().resources(),
          new RequiredLabelsSettings(
              List.of(LabelRequirement.key("app.kubernetes.io/name")),
              RequiredLabelsSettings.defaults().kinds(),
              true),
          PalisadePolicySettings.defaults().automountToken(),
          PalisadePolicySettings.defaults().serviceType(),
          PalisadePolicySettings.defaults().roleBindings(),
          PalisadePolicySettings.defaults().roles(),
          new InteractiveAccessSettings(
              Set.of("payments"),
              Set.of("sre-break-glass"),
              Set.of("exec", "attach", "portforward")));

  private final List<Policy> policies = AdmissionPolicies.palisade(SETTINGS, namespace -> false);

  private List<Violation> findings(AdmissionRequest request) {
    return policies.stream().flatMap(policy -> policy.evaluate(request).stream()).toList();
  }

  @Test
  void registersEveryPalisadePolicyOnceUnderItsName() {
    assertThat(AdmissionPolicies.palisade(PalisadePolicySettings.defaults(), namespace -> false))
        .extracting(Policy::name)
        .containsExactly(
            "palisade:image-registry",
            "palisade:image-tag",
            "palisade:image-digest",
            "palisade:container-resources",
            "palisade:required-labels",
            "palisade:automount-token",
            "palisade:service-type",
            "palisade:rbac-binding",
            "palisade:rbac-role",
            "palisade:interactive-access");
  }

  @Test
  void findsEveryBestPracticeGapOfThePrivilegedDebugPod() {
    assertThat(findings(request(review("pod-create-privileged"))))
        .extracting(Violation::policy, Violation::message)
        .containsExactly(
            tuple(
                "palisade:image-registry",
                "spec.containers[0].image: \"alpine:latest\" is not from an allowed registry"),
            tuple(
                "palisade:image-tag",
                "spec.containers[0].image: \"alpine:latest\" uses disallowed tag \"latest\""),
            tuple(
                "palisade:image-digest",
                "spec.containers[0].image: \"alpine:latest\" is not pinned by digest"),
            tuple(
                "palisade:container-resources",
                "spec.containers[0].resources: missing limits.cpu, limits.memory, requests.cpu,"
                    + " requests.memory"),
            tuple(
                "palisade:required-labels",
                "metadata.labels: missing required label \"app.kubernetes.io/name\""),
            tuple(
                "palisade:automount-token",
                "spec.automountServiceAccountToken: must be set to false (unset mounts the token)"));
  }

  @Test
  void theCompliantDeploymentOnlyLeavesTheTokenAutomounted() {
    // The corpus calls it compliant with PSS restricted and the best practices; it does not set
    // automountServiceAccountToken: false, which palisade:automount-token requires by design.
    assertThat(findings(request(review("deployment-create-compliant"))))
        .extracting(Violation::policy, Violation::fieldPath)
        .containsExactly(
            tuple("palisade:automount-token", "spec.template.spec.automountServiceAccountToken"));
  }

  @Test
  void aDryRunUpdateIsEvaluatedLikeAnyOther() {
    assertThat(findings(request(review("deployment-update-dryrun"))))
        .extracting(Violation::policy)
        .contains("palisade:image-tag", "palisade:container-resources", "palisade:required-labels");
  }

  @Test
  void theScaleSubresourceHasNothingToCheck() {
    assertThat(findings(request(review("deployment-scale-subresource")))).isEmpty();
  }

  @Test
  void refusesAnExecInAProtectedNamespaceReadThroughTheReviewReader() {
    assertThat(findings(request(json("policies/admission-review/pod-connect-exec.json"))))
        .extracting(Violation::policy, Violation::fieldPath)
        .containsExactly(tuple("palisade:interactive-access", "pods/exec"));
  }

  @Test
  void theEvaluatorDeniesOnEnforcedFindingsAndWarnsOnceAModeDowngradesThem() {
    AdmissionRequest pod = request(review("pod-create-privileged"));

    Decision enforced = new AdmissionEvaluator(policies).evaluate(pod);
    assertThat(enforced.allowed()).isFalse();
    assertThat(enforced.denialMessage())
        .startsWith("pods \"debug\" is forbidden: [palisade:image-registry] spec.containers");

    Policy warnOnly = warnOnly(policies.get(1));
    Decision warned = new AdmissionEvaluator(List.of(warnOnly)).evaluate(pod);
    assertThat(warned.allowed()).isTrue();
    assertThat(warned.warnings())
        .containsExactly(
            "[palisade:image-tag] spec.containers[0].image: \"alpine:latest\" uses disallowed tag"
                + " \"latest\"");
  }

  /** What the mode layer does for a policy in warn mode. */
  private static Policy warnOnly(Policy policy) {
    return new Policy() {
      @Override
      public String name() {
        return policy.name();
      }

      @Override
      public List<Violation> evaluate(AdmissionRequest request) {
        return policy.evaluate(request).stream().map(v -> v.withEnforced(false)).toList();
      }
    };
  }
}
