package io.palisade.admission.publish;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.request;
import static io.palisade.admission.AdmissionFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.palisade.admission.policy.Decision;
import io.palisade.admission.policy.DecisionDetails;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.OwnerWorkload;
import io.palisade.avro.PolicyViolation;
import io.palisade.avro.UserInfo;
import io.palisade.intake.Evidence;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionDecisionRecordsTest {

  private static final Instant RECEIVED = Instant.parse("2026-07-01T10:15:30.100Z");
  private static final Instant DECIDED = Instant.parse("2026-07-01T10:15:30.103Z");

  private final AdmissionDecisionRecords records =
      new AdmissionDecisionRecords("prod-eu", "io.palisade.admission.v1");

  @Test
  void recordsADenialWithItsViolationsUserAndObject() {
    AdmissionRequest request = request(review("pod-create-privileged"));
    Violation violation = new Violation("pss:privileged", "privileged (container \"debug\")", true);
    Decision denied =
        new Decision(false, List.of(violation), List.of(), "pods \"debug\" is forbidden");

    Evidence<AdmissionDecision> evidence = records.of(request, denied, RECEIVED, DECIDED, 42);

    AdmissionDecision value = evidence.value();
    assertThat(value.getId()).isEqualTo("3d4fc6c1-7906-47d9-b7da-fc2b22353643");
    assertThat(value.getCluster()).isEqualTo("prod-eu");
    assertThat(value.getEventTime()).isEqualTo(DECIDED);
    assertThat(value.getIngestTime()).isEqualTo(RECEIVED);
    assertThat(value.getOperation()).isEqualTo("CREATE");
    assertThat(value.getGroup()).isEmpty();
    assertThat(value.getVersion()).isEqualTo("v1");
    assertThat(value.getKind()).isEqualTo("Pod");
    assertThat(value.getResource()).isEqualTo("pods");
    assertThat(value.getSubResource()).isNull();
    assertThat(value.getNamespace()).isEqualTo("team-a");
    assertThat(value.getName()).isEqualTo("debug");
    assertThat(value.getUser())
        .isEqualTo(
            new UserInfo(
                "kubernetes-admin",
                null,
                List.of("system:masters", "system:authenticated"),
                Map.of()));
    assertThat(value.getAllowed()).isFalse();
    assertThat(value.getViolations())
        .containsExactly(
            PolicyViolation.newBuilder()
                .setPolicy("pss:privileged")
                .setMessage("privileged (container \"debug\")")
                .setEnforced(true)
                .setControl("privileged")
                .setFieldPath(null)
                .setMode("enforce")
                .build());
    assertThat(value.getMode()).isEqualTo("enforce");
    assertThat(value.getEvaluationMicros()).isEqualTo(42L);
    assertThat(value.getApplicable()).isTrue();
    assertThat(value.getExemption()).isNull();
    assertThat(value.getAuditAnnotations()).isEmpty();
    assertThat(value.getOwner()).isEqualTo(new OwnerWorkload("Pod", "debug"));
    assertThat(value.getImages()).containsExactly("alpine:latest");
    assertThat(value.getWarnings()).isEmpty();
    assertThat(JSON.readTree(value.getObjectJson())).isEqualTo(request.object());
    assertThat(value.getObjectJson()).doesNotContain("\n").doesNotContain(": ");
    assertThat(value.getOldObjectJson()).as("oldObject is JSON null on CREATE").isNull();

    assertThat(evidence.key()).isEqualTo("prod-eu/team-a/Pod/debug");
    assertThat(evidence.event().id()).isEqualTo(value.getId());
    assertThat(evidence.event().source())
        .isEqualTo(URI.create("/palisade/admission-gateway/prod-eu"));
    assertThat(evidence.event().type()).isEqualTo("io.palisade.admission.v1");
    assertThat(evidence.event().time()).isEqualTo(DECIDED);
    assertThat(evidence.event().subject()).isEqualTo(evidence.key());
  }

  @Test
  void recordsAnAllowedUpdateWithItsOldObjectSubresourceAndUserExtra() {
    AdmissionRequest request = request(review("deployment-scale-subresource"));

    AdmissionDecision value =
        records
            .of(request, new Decision(true, List.of(), List.of("w"), null), RECEIVED, DECIDED, 7)
            .value();

    assertThat(value.getAllowed()).isTrue();
    assertThat(value.getWarnings()).containsExactly("w");
    assertThat(value.getGroup()).isEqualTo("autoscaling");
    assertThat(value.getKind()).isEqualTo("Scale");
    assertThat(value.getResource()).isEqualTo("deployments");
    assertThat(value.getSubResource()).isEqualTo("scale");
    assertThat(value.getUser().getUid()).isEqualTo("014fbff9a07c");
    assertThat(value.getUser().getExtra())
        .containsEntry("some-key", List.of("some-value1", "some-value2"));
    assertThat(JSON.readTree(value.getOldObjectJson())).isEqualTo(request.oldObject());
  }

  @Test
  void keepsMillisecondsSoThatTheRecordAndTheCloudEventAgreeOnTheTime() {
    Instant decided = Instant.parse("2026-07-01T10:15:30.103456789Z");

    Evidence<AdmissionDecision> evidence =
        records.of(
            request(review("pod-create-privileged")),
            new Decision(true, List.of(), List.of(), null),
            RECEIVED,
            decided,
            7);

    assertThat(evidence.value().getEventTime()).isEqualTo(DECIDED);
    assertThat(evidence.event().time()).isEqualTo(DECIDED);
  }

  @Test
  void keysAndNamesAGeneratedPodByItsGenerateNamePrefix() {
    AdmissionRequest request = request(review("pod-create-generatename-privileged"));

    Evidence<AdmissionDecision> evidence =
        records.of(request, new Decision(true, List.of(), List.of(), null), RECEIVED, DECIDED, 7);

    assertThat(evidence.value().getName()).isEqualTo("agent-7d4b9c5f6-");
    assertThat(evidence.key()).isEqualTo("prod-eu/shop/Pod/agent-7d4b9c5f6-");
  }

  @Test
  void namesTheControllingOwnerAndEveryImageInitContainersFirst() {
    AdmissionRequest request = request(review("pod-create-generatename-privileged"));

    AdmissionDecision value =
        records
            .of(request, new Decision(true, List.of(), List.of(), null), RECEIVED, DECIDED, 7)
            .value();

    assertThat(value.getOwner()).isEqualTo(new OwnerWorkload("ReplicaSet", "agent-7d4b9c5f6"));
    assertThat(value.getImages())
        .containsExactly(
            "registry.example.com/net/init:1.0",
            "registry.example.com/net/agent:1.0",
            "registry.example.com/net/exporter:1.0");
  }

  @Test
  void aWorkloadIsItsOwnOwnerAndItsTemplateImagesAreRecorded() {
    AdmissionRequest request = request(review("deployment-create-privileged-template"));

    AdmissionDecision value =
        records
            .of(request, new Decision(true, List.of(), List.of(), null), RECEIVED, DECIDED, 7)
            .value();

    assertThat(value.getOwner()).isEqualTo(new OwnerWorkload("Deployment", request.objectName()));
    assertThat(value.getImages()).containsExactly("registry.example.com/net/agent:1.0");
  }

  @Test
  void aScaleSubresourceHasNoOwnerNorImages() {
    AdmissionRequest request = request(review("deployment-scale-subresource"));

    AdmissionDecision value =
        records.of(request, Decision.notApplicable(), RECEIVED, DECIDED, 7).value();

    assertThat(value.getOwner()).isNull();
    assertThat(value.getImages()).isEmpty();
    assertThat(value.getApplicable()).isFalse();
    assertThat(value.getAllowed()).isTrue();
    assertThat(value.getMode()).isNull();
  }

  @Test
  void recordsTheModeOfEachViolationTheAuditAnnotationsAndTheExemption() {
    AdmissionRequest request = request(review("deployment-create-compliant"));
    Violation warned =
        new Violation("palisade:image-tag", "c[0].image: no tag", false, "spec.c[0].image");
    Violation audited = Violation.at("palisade:image-digest", "spec.c[0].image", "not pinned");
    audited = audited.withEnforced(false);
    Decision decision =
        new Decision(
            true,
            List.of(warned, audited),
            List.of("[palisade:image-tag] c[0].image: no tag"),
            null,
            new DecisionDetails(
                true,
                Map.of("palisade-audit-violations", "palisade:image-digest"),
                List.of(audited),
                "namespace:payments"));

    AdmissionDecision value = records.of(request, decision, RECEIVED, DECIDED, 7).value();

    assertThat(value.getViolations())
        .extracting(
            PolicyViolation::getPolicy,
            PolicyViolation::getControl,
            PolicyViolation::getFieldPath,
            PolicyViolation::getMode,
            PolicyViolation::getEnforced)
        .containsExactly(
            tuple("palisade:image-tag", "image-tag", "spec.c[0].image", "warn", false),
            tuple("palisade:image-digest", "image-digest", "spec.c[0].image", "audit", false));
    assertThat(value.getMode()).isEqualTo("warn");
    assertThat(value.getAuditAnnotations())
        .containsExactly(Map.entry("palisade-audit-violations", "palisade:image-digest"));
    assertThat(value.getExemption()).isEqualTo("namespace:payments");
  }

  @Test
  void theControlIsThePartOfThePolicyNameAfterItsFamily() {
    assertThat(AdmissionDecisionRecords.control("pss:privileged")).isEqualTo("privileged");
    assertThat(AdmissionDecisionRecords.control("palisade:rbac-role")).isEqualTo("rbac-role");
    assertThat(AdmissionDecisionRecords.control("custom")).isNull();
    assertThat(AdmissionDecisionRecords.control("odd:")).isNull();
  }
}
