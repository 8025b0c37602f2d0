package io.palisade.correlation.detect;

import static io.palisade.correlation.support.AdmissionReviews.violation;
import static io.palisade.correlation.support.Entities.entity;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.support.AdmissionReviews;
import io.palisade.correlation.support.DetectionHarness;
import io.palisade.schemas.CloudEventHeaders;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrivilegedPodAdmissionDetectionTest {

  private static final String PRIVILEGED_MESSAGE =
      "privileged (container \"debug\" must not set securityContext.privileged=true)";

  private final DetectionHarness harness = new DetectionHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void deniedPrivilegedPodRaisesSignal() {
    AdmissionDecision denied =
        AdmissionReviews.fixture(
            "pod-create-privileged",
            "prod",
            false,
            List.of(
                violation("pss:host-namespaces", "host namespaces (hostPID=true)"),
                violation("pss:privileged", PRIVILEGED_MESSAGE)));

    List<TestRecord<String, Signal>> records = harness.signalsFor(denied);

    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isEqualTo("prod");
    Signal signal = records.get(0).value();
    assertThat(signal.getRuleId()).isEqualTo("admission.privileged-pod");
    assertThat(signal.getTitle()).isEqualTo("Privileged pod denied");
    assertThat(signal.getSeverity()).isEqualTo(Severity.HIGH);
    assertThat(signal.getTactic()).isEqualTo("TA0004 Privilege Escalation");
    assertThat(signal.getTechniques()).containsExactly("T1611");
    assertThat(signal.getDescription()).isEqualTo(PRIVILEGED_MESSAGE);
    assertThat(signal.getEntities())
        .containsExactly(
            entity(EntityKind.ACTOR, "kubernetes-admin"),
            entity(EntityKind.POD, "team-a/debug"),
            entity(EntityKind.NAMESPACE, "team-a"),
            entity(EntityKind.IMAGE, "alpine:latest"));
    assertThat(signal.getEvidence().getSource()).isEqualTo(EvidenceSource.ADMISSION);
    assertThat(signal.getEvidence().getTopic()).isEqualTo("palisade.admission.v1");
    assertThat(signal.getEvidence().getId()).isEqualTo("3d4fc6c1-7906-47d9-b7da-fc2b22353643");
    assertThat(signal.getEvidence().getSummary())
        .isEqualTo(
            "kubernetes-admin CREATE Pod team-a/debug denied (pss:host-namespaces, pss:privileged)");
    assertThat(CloudEventHeaders.read(records.get(0).headers())).isPresent();
  }

  @Test
  void admittedPrivilegedPodRaisesSignalFromTheObjectAlone() {
    AdmissionDecision admitted =
        AdmissionReviews.fixture("pod-create-privileged", "prod", true, List.of());

    Signal signal = harness.signalsFor(admitted).get(0).value();

    assertThat(signal.getTitle()).isEqualTo("Privileged pod admitted");
    assertThat(signal.getEvidence().getSummary())
        .isEqualTo("kubernetes-admin CREATE Pod team-a/debug admitted");
  }

  @Test
  void privilegedPodTemplateNamesTheWorkload() {
    AdmissionDecision deployment =
        AdmissionDecision.newBuilder(
                AdmissionReviews.fixture("pod-create-privileged", "prod", true, List.of()))
            .setKind("Deployment")
            .setName("web")
            .setObjectJson(
                """
                {"kind":"Deployment","metadata":{"name":"web","namespace":"team-a"},
                 "spec":{"template":{"spec":{"containers":[
                   {"name":"app","image":"registry.example.com/web:1.2",
                    "securityContext":{"privileged":true}}]}}}}""")
            .build();

    Signal signal = harness.signalsFor(deployment).get(0).value();

    assertThat(signal.getTitle()).isEqualTo("Privileged pod template admitted");
    assertThat(signal.getEntities())
        .contains(
            entity(EntityKind.WORKLOAD, "team-a/Deployment/web"),
            entity(EntityKind.IMAGE, "registry.example.com/web:1.2"))
        .noneMatch(entity -> entity.getKind() == EntityKind.POD);
  }

  @Test
  void unprivilegedPodRaisesNothingEvenWhenDenied() {
    AdmissionDecision unprivileged =
        AdmissionDecision.newBuilder(
                AdmissionReviews.fixture(
                    "pod-create-privileged",
                    "prod",
                    false,
                    List.of(violation("palisade:image-registry", "docker.io is not approved"))))
            .setObjectJson(
                """
                {"kind":"Pod","metadata":{"name":"debug","namespace":"team-a"},
                 "spec":{"containers":[{"name":"debug","image":"alpine:latest"}]}}""")
            .build();

    assertThat(harness.signalsFor(unprivileged)).isEmpty();
  }

  @Test
  void deletionRaisesNothing() {
    AdmissionDecision deletion =
        AdmissionDecision.newBuilder(
                AdmissionReviews.fixture("pod-create-privileged", "prod", true, List.of()))
            .setOperation("DELETE")
            .build();

    assertThat(harness.signalsFor(deletion)).isEmpty();
  }
}
