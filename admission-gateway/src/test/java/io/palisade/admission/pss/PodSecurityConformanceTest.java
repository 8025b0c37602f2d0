package io.palisade.admission.pss;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.Violation;
import io.palisade.admission.pss.PsaFixtures.Row;
import io.palisade.admission.review.AdmissionReviewReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every upstream pod-security-admission fixture (all 4,537 rows of {@code psa/MANIFEST.csv}, every
 * level and version v1.0 … v1.37) gives the upstream verdict, and a denial carries the upstream
 * reason wording.
 */
class PodSecurityConformanceTest {

  /** Restricted checks that replace a baseline one, so a baseline fixture may fail on them. */
  private static final Map<String, String> REPLACED_BY =
      Map.of(
          "hostPathVolumes", "restrictedVolumes",
          "capabilities_baseline", "capabilities_restricted",
          "seccompProfile_baseline", "seccompProfile_restricted",
          "procMount", "procMount_restricted");

  private static final PodSecurityEvaluator EVALUATOR = new PodSecurityEvaluator();

  static Stream<Row> rows() {
    return PsaFixtures.rows().stream();
  }

  static Stream<Row> newestRows() {
    return rows().filter(row -> row.version().equals(PodSecurityVersion.v1(37)));
  }

  @Test
  void theManifestListsEveryUpstreamFixture() {
    assertThat(PsaFixtures.rows()).hasSize(4537);
    assertThat(PsaFixtures.rows().stream().map(Row::sha).distinct()).hasSize(380);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void givesTheUpstreamVerdictAndReason(Row row) {
    JsonNode pod = row.pod();
    List<CheckFailure> failures =
        EVALUATOR.evaluate(row.level(), row.version(), pod.path("metadata"), pod.path("spec"));
    String message = PodSecurityEvaluator.forbiddenMessage(row.level(), row.version(), failures);

    if (row.allowed()) {
      assertThat(failures).as(message).isEmpty();
      return;
    }
    assertThat(failures).as("denied").isNotEmpty();
    assertThat(message).contains(row.expectedErrorSubstring());
    assertThat(failures)
        .extracting(CheckFailure::checkId)
        .as(message)
        .containsAnyOf(row.checkId(), REPLACED_BY.getOrDefault(row.checkId(), row.checkId()));
  }

  /**
   * The same fixtures at v1.37 as the gateway sees them: a Pod CREATE is denied exactly when
   * upstream denies it, and the same pod as a Deployment's template only warns.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("newestRows")
  void podsAreEnforcedAndTheirDeploymentsWarnedThroughThePolicy(Row row) {
    PodSecurityPolicy policy = new PodSecurityPolicy(EVALUATOR, row.level(), row.version());

    List<Violation> podViolations = policy.evaluate(reader(podCreate(row.pod())));
    List<Violation> templateViolations = policy.evaluate(reader(deploymentCreate(row.pod())));

    assertThat(podViolations.isEmpty()).isEqualTo(row.allowed());
    assertThat(podViolations).allMatch(Violation::enforced);
    assertThat(podViolations).allMatch(v -> v.policy().startsWith("pss:"));
    assertThat(templateViolations)
        .extracting(Violation::message)
        .containsExactlyElementsOf(podViolations.stream().map(Violation::message).toList());
    assertThat(templateViolations).noneMatch(Violation::enforced);
  }

  private static io.palisade.admission.review.AdmissionRequest reader(ObjectNode review) {
    return new AdmissionReviewReader().read(review).request();
  }

  private static ObjectNode podCreate(JsonNode pod) {
    return review("", "v1", "pods", pod);
  }

  private static ObjectNode deploymentCreate(JsonNode pod) {
    ObjectNode deployment = JSON.createObjectNode();
    deployment.put("apiVersion", "apps/v1").put("kind", "Deployment");
    deployment.putObject("metadata").put("name", pod.path("metadata").path("name").stringValue());
    deployment.putObject("spec").set("template", pod);
    return review("apps", "v1", "deployments", deployment);
  }

  private static ObjectNode review(String group, String version, String resource, JsonNode object) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", "00000000-0000-0000-0000-000000000001");
    request.putObject("kind").put("group", group).put("version", version).put("kind", "X");
    request
        .putObject("resource")
        .put("group", group)
        .put("version", version)
        .put("resource", resource);
    request.put("name", object.path("metadata").path("name").stringValue(""));
    request.put("namespace", "psa");
    request.put("operation", "CREATE");
    request.putObject("userInfo").put("username", "psa-fixture");
    request.set("object", object);
    request.put("dryRun", false);
    return review;
  }
}
