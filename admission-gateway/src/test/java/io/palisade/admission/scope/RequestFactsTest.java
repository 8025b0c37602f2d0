package io.palisade.admission.scope;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.AdmissionFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RequestFactsTest {

  @Test
  void takesUserNamespaceAndLabelsOfAWorkload() {
    RequestFacts facts =
        RequestFacts.of(
            AdmissionFixtures.request(AdmissionFixtures.review("deployment-create-compliant")));

    assertThat(facts.username())
        .isEqualTo("system:serviceaccount:argocd:argocd-application-controller");
    assertThat(facts.groups()).contains("system:serviceaccounts:argocd");
    assertThat(facts.namespace()).isEqualTo("payments");
    assertThat(facts.workloadLabels()).containsEntry("app.kubernetes.io/name", "payments-api");
    assertThat(facts.runtimeClassName()).isEmpty();
  }

  @Test
  void findsTheRuntimeClassInEachKindOfPodSpec() {
    ObjectNode deployment = AdmissionFixtures.review("deployment-create-compliant");
    ObjectNode object = (ObjectNode) deployment.path("request").path("object");
    ((ObjectNode) object.path("spec").path("template").path("spec"))
        .put("runtimeClassName", "gvisor");
    assertThat(RequestFacts.of(AdmissionFixtures.request(deployment)).runtimeClassName())
        .isEqualTo("gvisor");

    ObjectNode pod = AdmissionFixtures.review("pod-create-privileged");
    ((ObjectNode) pod.path("request").path("object").path("spec")).put("runtimeClassName", "kata");
    assertThat(RequestFacts.of(AdmissionFixtures.request(pod)).runtimeClassName())
        .isEqualTo("kata");

    ObjectNode cronJob = AdmissionFixtures.review("deployment-create-compliant");
    ObjectNode request = (ObjectNode) cronJob.path("request");
    ((ObjectNode) request.path("kind")).put("group", "batch").put("kind", "CronJob");
    ((ObjectNode) request.path("resource")).put("group", "batch").put("resource", "cronjobs");
    ObjectNode jobSpec = AdmissionFixtures.JSON.createObjectNode();
    jobSpec
        .putObject("jobTemplate")
        .putObject("spec")
        .putObject("template")
        .putObject("spec")
        .put("runtimeClassName", "wasm");
    ((ObjectNode) request.path("object")).set("spec", jobSpec);
    assertThat(RequestFacts.of(AdmissionFixtures.request(cronJob)).runtimeClassName())
        .isEqualTo("wasm");
  }
}
