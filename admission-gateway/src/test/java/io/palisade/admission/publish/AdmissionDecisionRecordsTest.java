package io.palisade.admission.publish;

import static io.palisade.admission.AdmissionFixtures.JSON;
import static io.palisade.admission.AdmissionFixtures.request;
import static io.palisade.admission.AdmissionFixtures.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.admission.policy.Decision;
import io.palisade.admission.policy.Violation;
import io.palisade.admission.review.AdmissionRequest;
import io.palisade.avro.AdmissionDecision;
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

    Evidence<AdmissionDecision> evidence = records.of(request, denied, RECEIVED, DECIDED);

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
            new PolicyViolation("pss:privileged", "privileged (container \"debug\")", true));
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
            .of(request, new Decision(true, List.of(), List.of("w"), null), RECEIVED, DECIDED)
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
            decided);

    assertThat(evidence.value().getEventTime()).isEqualTo(DECIDED);
    assertThat(evidence.event().time()).isEqualTo(DECIDED);
  }

  @Test
  void keysAndNamesAGeneratedPodByItsGenerateNamePrefix() {
    AdmissionRequest request = request(review("pod-create-generatename-privileged"));

    Evidence<AdmissionDecision> evidence =
        records.of(request, new Decision(true, List.of(), List.of(), null), RECEIVED, DECIDED);

    assertThat(evidence.value().getName()).isEqualTo("agent-7d4b9c5f6-");
    assertThat(evidence.key()).isEqualTo("prod-eu/shop/Pod/agent-7d4b9c5f6-");
  }
}
