package io.palisade.admission.webhook;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.review;

import io.palisade.admission.policy.Decision;
import io.palisade.admission.policy.DecisionDetails;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionReview;
import io.palisade.admission.review.AdmissionReviewReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

class AdmissionReviewResponseTest {

  private final AdmissionReview review =
      new AdmissionReviewReader().read(review("pod-create-privileged"));

  @Test
  void anAllowedAnswerCarriesWarningsAndAuditAnnotationsButNoStatusNorPatch() throws Exception {
    Violation audited = new Violation("palisade:image-digest", "not pinned", false);
    Decision decision =
        new Decision(
            true,
            List.of(audited),
            List.of("[palisade:image-tag] no tag"),
            null,
            new DecisionDetails(
                true, Map.of("image-digest", "1 container not pinned"), List.of(audited), null));

    String json = JSON.writeValueAsString(AdmissionReviewResponse.of(review, decision));

    JSONAssert.assertEquals(
        """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "response": {"uid": "3d4fc6c1-7906-47d9-b7da-fc2b22353643", "allowed": true,
                      "warnings": ["[palisade:image-tag] no tag"],
                      "auditAnnotations": {"image-digest": "1 container not pinned"}}}
        """,
        json,
        JSONCompareMode.STRICT);
  }

  @Test
  void aDenialIsA403ListingTheViolationsAndKeepsTheAuditAnnotations() throws Exception {
    Decision decision =
        new Decision(
            false,
            List.of(new Violation("pss:privileged", "privileged (container \"debug\")", true)),
            List.of(),
            "pods \"debug\" is forbidden: privileged (container \"debug\")",
            new DecisionDetails(
                true, Map.of("enforce-policy", "restricted:latest"), List.of(), null));

    String json = JSON.writeValueAsString(AdmissionReviewResponse.of(review, decision));

    JSONAssert.assertEquals(
        """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "response": {"uid": "3d4fc6c1-7906-47d9-b7da-fc2b22353643", "allowed": false,
                      "status": {"status": "Failure", "code": 403, "reason": "Forbidden",
                                 "message": "pods \\"debug\\" is forbidden: privileged (container \\"debug\\")"},
                      "auditAnnotations": {"enforce-policy": "restricted:latest"}}}
        """,
        json,
        JSONCompareMode.STRICT);
  }

  @Test
  void aNotApplicableAnswerIsAPlainAllow() throws Exception {
    String json =
        JSON.writeValueAsString(AdmissionReviewResponse.of(review, Decision.notApplicable()));

    JSONAssert.assertEquals(
        """
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "response": {"uid": "3d4fc6c1-7906-47d9-b7da-fc2b22353643", "allowed": true}}
        """,
        json,
        JSONCompareMode.STRICT);
  }
}
