package io.palisade.admission.pss;

import static io.palisade.admission.AdmissionFixtures.podCreate;
import static io.palisade.admission.AdmissionFixtures.request;
import static io.palisade.admission.AdmissionFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.palisade.admission.policy.Violation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link PodSecurityPolicy}: a whole level as one gateway policy, one violation per failed check,
 * pods enforced and templates warned, and which updates are re-checked.
 */
class PodSecurityPolicyTest {

  private final PodSecurityEvaluator evaluator = new PodSecurityEvaluator();
  private final PodSecurityPolicy baseline =
      new PodSecurityPolicy(evaluator, PodSecurityLevel.BASELINE, PodSecurityVersion.LATEST);
  private final PodSecurityPolicy restricted =
      new PodSecurityPolicy(evaluator, PodSecurityLevel.RESTRICTED, PodSecurityVersion.v1(30));

  @Test
  void isNamedAfterItsLevelAndVersion() {
    assertThat(baseline.name()).isEqualTo("pss:baseline:latest");
    assertThat(restricted.name()).isEqualTo("pss:restricted:v1.30");
  }

  @Test
  void reportsEveryFailedCheckOfAPodAsAnEnforcedViolationInPsaOrder() {
    assertThat(baseline.evaluate(request(review("pod-create-privileged"))))
        .extracting(Violation::policy, Violation::message, Violation::enforced)
        .containsExactly(
            tuple(
                "pss:capabilities_baseline",
                "non-default capabilities (container \"debug\" must not include \"NET_RAW\","
                    + " \"SYS_ADMIN\" in securityContext.capabilities.add)",
                true),
            tuple("pss:hostNamespaces", "host namespaces (hostPID=true)", true),
            tuple("pss:hostPathVolumes", "hostPath volumes (volume \"host-root\")", true),
            tuple(
                "pss:privileged",
                "privileged (container \"debug\" must not set securityContext.privileged=true)",
                true));
  }

  @Test
  void onlyWarnsAboutAPodTemplate() {
    assertThat(restricted.evaluate(request(review("deployment-create-privileged-template"))))
        .extracting(Violation::policy, Violation::enforced)
        .contains(tuple("pss:privileged", false), tuple("pss:runAsNonRoot", false))
        .allMatch(violation -> violation.toList().get(1).equals(false));
    assertThat(restricted.evaluate(request(review("deployment-create-compliant")))).isEmpty();
  }

  @Test
  void canEnforceOnPodTemplatesToo() {
    PodSecurityPolicy enforcing =
        new PodSecurityPolicy(
            evaluator,
            PodSecurityLevel.BASELINE,
            PodSecurityVersion.LATEST,
            PodTemplateMode.ENFORCE);

    assertThat(enforcing.evaluate(request(review("deployment-create-privileged-template"))))
        .extracting(Violation::policy, Violation::enforced)
        .containsExactly(tuple("pss:privileged", true));
  }

  @Test
  void theUpstreamPassFixturePassesAndItsFailFixtureFails() {
    assertThat(
            restricted.evaluate(
                request(podCreate(PsaFixtures.pod("restricted/v1.30/pass/base.yaml")))))
        .isEmpty();
    assertThat(
            restricted.evaluate(
                request(podCreate(PsaFixtures.pod("restricted/v1.30/fail/runasuser0.yaml")))))
        .extracting(Violation::message)
        .containsExactly("runAsUser=0 (pod must not set runAsUser=0)");
  }

  @Test
  void thePrivilegedLevelReportsNothing() {
    PodSecurityPolicy privileged =
        new PodSecurityPolicy(evaluator, PodSecurityLevel.PRIVILEGED, PodSecurityVersion.LATEST);
    assertThat(privileged.evaluate(request(review("pod-create-privileged")))).isEmpty();
  }

  @Test
  void aPodUpdateThatOnlyChangesLabelsIsNotRechecked() {
    assertThat(baseline.evaluate(request(review("pod-update-labels-only-privileged")))).isEmpty();
  }

  @Test
  void aPodUpdateThatChangesASecurityContextIsRecheckedEvenWithTheSameImage() {
    ObjectNode review = review("pod-update-labels-only-privileged");
    ObjectNode old = (ObjectNode) review.path("request").path("oldObject");
    ((ObjectNode) old.path("spec").path("containers").get(0).path("securityContext"))
        .put("privileged", false);

    assertThat(baseline.evaluate(request(review)))
        .extracting(Violation::policy)
        .containsExactly("pss:privileged");
  }

  @Test
  void aPodUpdateThatChangesASeccompOrAppArmorAnnotationIsRechecked() {
    ObjectNode review = review("pod-update-labels-only-privileged");
    ((ObjectNode) review.path("request").path("object").path("metadata"))
        .putObject("annotations")
        .put("container.apparmor.security.beta.kubernetes.io/agent", "unconfined");

    assertThat(baseline.evaluate(request(review)))
        .extracting(Violation::policy)
        .containsExactly("pss:appArmorProfile", "pss:privileged");
  }

  @Test
  void aDeploymentUpdateOutsideThePodTemplateIsNotRechecked() {
    ObjectNode review = review("deployment-create-privileged-template");
    ObjectNode request = (ObjectNode) review.path("request");
    request.put("operation", "UPDATE");
    ObjectNode old = ((ObjectNode) request.path("object")).deepCopy();
    ((ObjectNode) old.path("spec")).put("replicas", 1);
    ((ObjectNode) old.path("spec").path("template").path("metadata"))
        .putObject("labels")
        .put("version", "old");
    request.set("oldObject", old);

    assertThat(baseline.evaluate(request(review))).isEmpty();
  }

  @Test
  void aDeploymentUpdateOfTheTemplatesContainersIsRechecked() {
    ObjectNode review = review("deployment-create-privileged-template");
    ObjectNode request = (ObjectNode) review.path("request");
    request.put("operation", "UPDATE");
    ObjectNode old = ((ObjectNode) request.path("object")).deepCopy();
    ((ObjectNode) old.path("spec").path("template").path("spec").path("containers").get(0))
        .put("image", "registry.example.com/ops/agent:previous");
    request.set("oldObject", old);

    assertThat(baseline.evaluate(request(review)))
        .extracting(Violation::policy, Violation::enforced)
        .containsExactly(tuple("pss:privileged", false));
  }
}
