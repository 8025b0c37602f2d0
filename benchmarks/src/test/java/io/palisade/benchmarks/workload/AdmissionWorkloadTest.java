package io.palisade.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.pss.PodSecurityEvaluator;
import io.palisade.admission.pss.PodSecurityLevel;
import io.palisade.admission.pss.PodSecurityPolicy;
import io.palisade.admission.pss.PodSecurityVersion;
import io.palisade.admission.review.AdmissionReviewReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdmissionWorkloadTest {

  private final PodSecurityPolicy restrictedLatest =
      new PodSecurityPolicy(
          new PodSecurityEvaluator(), PodSecurityLevel.RESTRICTED, PodSecurityVersion.LATEST);

  @Test
  void theTypicalPodHasFourContainersAndSatisfiesRestricted() {
    JsonNode spec = AdmissionWorkload.podTemplate().path("spec");
    assertThat(spec.path("initContainers").size() + spec.path("containers").size()).isEqualTo(4);

    assertThat(
            restrictedLatest.evaluate(
                new AdmissionReviewReader().read(AdmissionWorkload.podCreate()).request()))
        .isEmpty();
  }

  @Test
  void theDeploymentCarriesTheSamePodAsItsTemplate() {
    JsonNode review = AdmissionWorkload.deploymentCreate();

    assertThat(review.path("request").path("object").path("spec").path("template"))
        .isEqualTo(AdmissionWorkload.podTemplate());
    assertThat(restrictedLatest.evaluate(new AdmissionReviewReader().read(review).request()))
        .isEmpty();
    assertThat(new String(AdmissionWorkload.bytes(review))).startsWith("{\"apiVersion\"");
  }
}
