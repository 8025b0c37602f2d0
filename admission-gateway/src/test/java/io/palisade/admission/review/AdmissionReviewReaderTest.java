package io.palisade.admission.review;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.intake.InvalidEvidenceException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class AdmissionReviewReaderTest {

  private final AdmissionReviewReader reader = new AdmissionReviewReader();

  @Test
  void readsEveryFieldOfAServiceAccountRequest() {
    AdmissionReview review = reader.read(review("deployment-create-compliant"));

    assertThat(review.apiVersion()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.kind()).isEqualTo("AdmissionReview");
    AdmissionRequest request = review.request();
    assertThat(request.uid()).isEqualTo("2024ee9c-c374-413c-838d-e62bcb4826be");
    assertThat(request.kind()).isEqualTo(new GroupVersionKind("apps", "v1", "Deployment"));
    assertThat(request.resource()).isEqualTo(new GroupVersionResource("apps", "v1", "deployments"));
    assertThat(request.resource().groupResource()).isEqualTo("deployments.apps");
    assertThat(request.subResource()).isEmpty();
    assertThat(request.name()).isEqualTo("payments-api");
    assertThat(request.namespace()).isEqualTo("payments");
    assertThat(request.operation()).isEqualTo("CREATE");
    assertThat(request.user().username())
        .isEqualTo("system:serviceaccount:argocd:argocd-application-controller");
    assertThat(request.user().uid()).isEqualTo("0c5f4f3e-2b8a-4f7e-9a51-6d7b5b9d2e11");
    assertThat(request.user().groups()).contains("system:serviceaccounts:argocd");
    assertThat(request.user().extra())
        .containsEntry(
            "authentication.kubernetes.io/pod-name", List.of("argocd-application-controller-0"));
    assertThat(request.object().path("kind").stringValue()).isEqualTo("Deployment");
    assertThat(request.oldObject().isNull()).isTrue();
    assertThat(request.dryRun()).isFalse();
  }

  @Test
  void readsDryRunAndSubresource() {
    assertThat(reader.read(review("deployment-update-dryrun")).request().dryRun()).isTrue();
    AdmissionRequest scale = reader.read(review("deployment-scale-subresource")).request();
    assertThat(scale.subResource()).isEqualTo("scale");
    assertThat(scale.kind().kind()).isEqualTo("Scale");
  }

  @Test
  void namesAGeneratedPodByItsGenerateNamePrefix() {
    AdmissionRequest request = reader.read(review("pod-create-generatename-privileged")).request();

    assertThat(request.name()).isEmpty();
    assertThat(request.objectName()).isEqualTo("agent-7d4b9c5f6-");
  }

  @Test
  void aMissingUserInfoIsAnEmptyUser() {
    ObjectNode body = review("pod-create-privileged");
    ((ObjectNode) body.path("request")).remove("userInfo");

    RequestUser user = reader.read(body).request().user();

    assertThat(user).isEqualTo(new RequestUser("", null, List.of(), Map.of()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "JSON array            | []                                                                   | not-an-admission-review",
        "JSON string           | \"review\"                                                           | not-an-admission-review",
        "another kind          | {\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Pod\",\"request\":{\"uid\":\"u\"}}        | not-an-admission-review",
        "v1beta1               | {\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\"}} | unsupported-api-version",
        "no request            | {\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}                  | missing-field",
        "a response, not a request | {\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"u\",\"allowed\":true}} | missing-field",
        "no uid                | {\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"operation\":\"CREATE\"}} | missing-field",
        "blank uid             | {\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\" \"}}     | missing-field",
        "numeric uid           | {\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":42}}      | missing-field",
      })
  void rejectsWhatIsNotAnAdmissionReviewWithARequestUid(String what, String body, String reason) {
    assertThatThrownBy(() -> reader.read(JSON.readTree(body)))
        .isInstanceOf(InvalidEvidenceException.class)
        .satisfies(e -> assertThat(((InvalidEvidenceException) e).reason()).isEqualTo(reason))
        .hasMessageNotContaining("null");
  }
}
