package io.palisade.admission.pss;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.podCreate;
import static io.palisade.admission.AdmissionFixtures.request;
import static io.palisade.admission.AdmissionFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class PrivilegedContainersTest {

  private final PrivilegedContainers policy = new PrivilegedContainers();

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "baseline/v1.37/pass/base.yaml",
        "baseline/v1.37/pass/privileged0.yaml",
        "restricted/v1.37/pass/privileged0.yaml"
      })
  void allowsThePsaPassFixtures(String fixture) {
    assertThat(policy.evaluate(request(podCreate(PsaFixtures.pod(fixture))))).isEmpty();
  }

  @ParameterizedTest(name = "{0} denies {1}")
  @CsvSource({
    "baseline/v1.37/fail/privileged0.yaml, container1",
    "baseline/v1.37/fail/privileged1.yaml, initcontainer1",
    "restricted/v1.37/fail/privileged0.yaml, container1",
    "restricted/v1.37/fail/privileged1.yaml, initcontainer1"
  })
  void deniesThePsaFailFixturesNamingThePrivilegedContainer(String fixture, String container) {
    assertThat(policy.evaluate(request(podCreate(PsaFixtures.pod(fixture)))))
        .containsExactly(
            new Violation(
                "pss:privileged",
                "privileged (container \""
                    + container
                    + "\" must not set securityContext.privileged=true)",
                true));
  }

  @Test
  void deniesAPrivilegedEphemeralContainerAddedToARunningPod() {
    assertThat(policy.evaluate(request(review("pod-update-ephemeral-privileged"))))
        .extracting(Violation::message, Violation::enforced)
        .containsExactly(
            tuple(
                "privileged (container \"debugger\" must not set securityContext.privileged=true)",
                true));
  }

  @Test
  void namesEveryPrivilegedContainerInPsaOrderInitContainersFirst() {
    assertThat(policy.evaluate(request(review("pod-create-generatename-privileged"))))
        .extracting(Violation::message)
        .containsExactly(
            "privileged (containers \"setup-iptables\", \"agent\" must not set"
                + " securityContext.privileged=true)");
  }

  @Test
  void visitsInitThenRegularThenEphemeralContainers() {
    ObjectNode review = review("pod-create-generatename-privileged");
    ObjectNode spec = (ObjectNode) review.path("request").path("object").path("spec");
    spec.putArray("ephemeralContainers")
        .addObject()
        .put("name", "debugger")
        .putObject("securityContext")
        .put("privileged", true);

    assertThat(PodUnderReview.in(request(review)).orElseThrow().containers())
        .extracting(c -> c.path("name").stringValue())
        .containsExactly("setup-iptables", "agent", "exporter", "debugger");
  }

  @Test
  void deniesAPodUpdateThatChangesTheImageOfAPrivilegedContainer() {
    assertThat(policy.evaluate(request(review("pod-update-image-privileged"))))
        .extracting(Violation::enforced)
        .containsExactly(true);
  }

  @Test
  void doesNotRecheckAPodUpdateThatOnlyChangesLabels() {
    assertThat(policy.evaluate(request(review("pod-update-labels-only-privileged")))).isEmpty();
  }

  @Test
  void onlyWarnsAboutAPrivilegedPodTemplateOfADeployment() {
    assertThat(policy.evaluate(request(review("deployment-create-privileged-template"))))
        .containsExactly(
            new Violation(
                "pss:privileged",
                "privileged (container \"agent\" must not set securityContext.privileged=true)",
                false));
  }

  @Test
  void findsThePodTemplateOfACronJob() {
    ObjectNode review = review("deployment-create-privileged-template");
    ObjectNode request = (ObjectNode) review.path("request");
    request
        .putObject("resource")
        .put("group", "batch")
        .put("version", "v1")
        .put("resource", "cronjobs");
    ObjectNode cronJob = JSON.createObjectNode();
    cronJob
        .putObject("spec")
        .putObject("jobTemplate")
        .putObject("spec")
        .set("template", request.path("object").path("spec").path("template"));
    request.set("object", cronJob);

    assertThat(policy.evaluate(request(review)))
        .extracting(Violation::enforced)
        .containsExactly(false);
  }

  @Test
  void explicitlyUnprivilegedContainersComply() {
    assertThat(policy.evaluate(request(review("deployment-create-compliant")))).isEmpty();
  }

  @ParameterizedTest(name = "ignores operation {0}")
  @ValueSource(strings = {"DELETE", "CONNECT"})
  void ignoresOperationsThatCreateNoPod(String operation) {
    ObjectNode review = review("pod-create-privileged");
    ((ObjectNode) review.path("request")).put("operation", operation);

    assertThat(policy.evaluate(request(review))).isEmpty();
  }

  @ParameterizedTest(name = "ignores subresource {0}")
  @ValueSource(strings = {"status", "binding", "exec", "attach", "eviction"})
  void ignoresPodSubresourcesOtherThanEphemeralContainers(String subResource) {
    ObjectNode review = review("pod-update-ephemeral-privileged");
    ((ObjectNode) review.path("request")).put("subResource", subResource);

    assertThat(policy.evaluate(request(review))).isEmpty();
  }

  @Test
  void ignoresTheScaleSubresourceWhoseObjectHasNoPodTemplate() {
    AdmissionRequest scale = request(review("deployment-scale-subresource"));

    assertThat(PodUnderReview.in(scale)).isEmpty();
    assertThat(policy.evaluate(scale)).isEmpty();
  }

  @Test
  void ignoresResourcesThatAreNotPodsOrPodControllers() {
    ObjectNode review = review("pod-create-privileged");
    ((ObjectNode) review.path("request"))
        .putObject("resource")
        .put("group", "")
        .put("version", "v1")
        .put("resource", "configmaps");

    assertThat(policy.evaluate(request(review))).isEmpty();
  }
}
