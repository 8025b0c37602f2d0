package io.palisade.correlation.detect;

import static io.palisade.correlation.support.Entities.entity;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.EntityKind;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.support.AuditEvents;
import io.palisade.correlation.support.DetectionHarness;
import io.palisade.schemas.CloudEventHeaders;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrivilegedPodCreatedDetectionTest {

  private final DetectionHarness harness = new DetectionHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void privilegedPodCreatedRaisesPrivilegeEscalationSignal() {
    List<TestRecord<String, Signal>> records =
        harness.signalsFor(AuditEvents.fixture("privileged-pod", "minikube"));

    assertThat(records).hasSize(1);
    Signal signal = records.get(0).value();
    assertThat(signal.getRuleId()).isEqualTo("audit.privileged-pod");
    assertThat(signal.getTitle()).isEqualTo("Privileged pod created");
    assertThat(signal.getSeverity()).isEqualTo(Severity.HIGH);
    assertThat(signal.getTactic()).isEqualTo("TA0004 Privilege Escalation");
    assertThat(signal.getTechniques()).containsExactly("T1611");
    // generateName: the pod's name only exists in the response object
    assertThat(signal.getEntities())
        .containsExactly(
            entity(
                EntityKind.SERVICE_ACCOUNT,
                "system:serviceaccount:kube-system:replicaset-controller"),
            entity(EntityKind.POD, "default/nginx-deployment-5cdcc99dbf-rgw6z"),
            // the pod's owner ReplicaSet nginx-deployment-5cdcc99dbf stands for its Deployment
            entity(EntityKind.WORKLOAD, "default/Deployment/nginx-deployment"),
            entity(EntityKind.NAMESPACE, "default"),
            entity(EntityKind.IMAGE, "nginx"));
    assertThat(signal.getEvidence().getSummary())
        .isEqualTo(
            "system:serviceaccount:kube-system:replicaset-controller create pods"
                + " default/nginx-deployment-5cdcc99dbf-rgw6z (privileged: nginx)");
    assertThat(CloudEventHeaders.read(records.get(0).headers())).isPresent();
  }

  @Test
  void onlyThePrivilegedContainersImageIsNamed() {
    Signal signal =
        harness
            .signalsFor(AuditEvents.fixture("privileged-second-container", "minikube"))
            .get(0)
            .value();

    assertThat(signal.getEntities())
        .contains(entity(EntityKind.IMAGE, "mysql:latest"))
        .doesNotContain(entity(EntityKind.IMAGE, "nginx"));
    assertThat(signal.getEvidence().getSummary()).endsWith("(privileged: mysql)");
  }

  @Test
  void privilegedInitContainerCounts() {
    AuditEvent unprivileged = AuditEvents.fixture("unprivileged-pod", "minikube");
    AuditEvent withPrivilegedInit =
        AuditEvent.newBuilder(unprivileged)
            .setRequestObjectJson(
                unprivileged
                    .getRequestObjectJson()
                    .replace(
                        "\"containers\":[",
                        "\"initContainers\":[{\"name\":\"setup\",\"image\":\"busybox\","
                            + "\"securityContext\":{\"privileged\":true}}],\"containers\":["))
            .build();

    Signal signal = harness.signalsFor(withPrivilegedInit).get(0).value();

    assertThat(signal.getEntities()).contains(entity(EntityKind.IMAGE, "busybox"));
  }

  @Test
  void unprivilegedPodRaisesNothing() {
    assertThat(harness.signalsFor(AuditEvents.fixture("unprivileged-pod", "minikube"))).isEmpty();
  }

  @Test
  void refusedCreationRaisesNothing() {
    AuditEvent refused =
        AuditEvent.newBuilder(AuditEvents.fixture("privileged-pod", "minikube"))
            .setResponseCode(403)
            .setResponseObjectJson(null)
            .build();

    assertThat(harness.signalsFor(refused)).isEmpty();
  }

  @Test
  void eventWithoutResponseYetRaisesNothing() {
    AuditEvent received =
        AuditEvent.newBuilder(AuditEvents.fixture("privileged-pod", "minikube"))
            .setStage("RequestReceived")
            .setResponseCode(null)
            .build();

    assertThat(harness.signalsFor(received)).isEmpty();
  }
}
