package io.palisade.correlation.detect;

import static io.palisade.correlation.support.Entities.entity;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.EntityKind;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.support.AuditEvents;
import io.palisade.correlation.support.DetectionHarness;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterAdminBindingDetectionTest {

  private final DetectionHarness harness = new DetectionHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void bindingToClusterAdminRaisesSignalLinkingGranterAndGrantee() {
    List<TestRecord<String, Signal>> records =
        harness.signalsFor(AuditEvents.fixture("cluster-admin-binding", "minikube"));

    assertThat(records).hasSize(1);
    Signal signal = records.get(0).value();
    assertThat(signal.getRuleId()).isEqualTo("audit.cluster-admin-binding");
    assertThat(signal.getTitle()).isEqualTo("Binding to cluster-admin");
    assertThat(signal.getSeverity()).isEqualTo(Severity.HIGH);
    assertThat(signal.getTactic()).isEqualTo("TA0004 Privilege Escalation");
    assertThat(signal.getTechniques()).containsExactly("T1098.006");
    assertThat(signal.getEntities())
        .containsExactly(
            entity(EntityKind.ACTOR, "minikube-user"), entity(EntityKind.ACTOR, "minikube"));
    assertThat(signal.getEvidence().getSummary())
        .isEqualTo(
            "minikube-user create clusterrolebindings some-reader-binding → cluster-admin"
                + " (User minikube)");
  }

  @Test
  void bindingToAnotherRoleRaisesNothing() {
    assertThat(harness.signalsFor(AuditEvents.fixture("clusterrolebinding-basic-user", "m")))
        .isEmpty();
  }

  @Test
  void roleBindingNamesServiceAccountSubjectsAndIgnoresGroups() {
    AuditEvent clusterBinding = AuditEvents.fixture("cluster-admin-binding", "minikube");
    AuditEvent roleBinding =
        AuditEvent.newBuilder(clusterBinding)
            .setObjectRef(
                ObjectReference.newBuilder(clusterBinding.getObjectRef())
                    .setResource("rolebindings")
                    .setNamespace("shop")
                    .setName("deployer-admin")
                    .build())
            .setRequestObjectJson(
                """
                {"kind":"RoleBinding","metadata":{"name":"deployer-admin","namespace":"shop"},
                 "roleRef":{"kind":"ClusterRole","name":"cluster-admin"},
                 "subjects":[{"kind":"ServiceAccount","name":"deployer"},
                             {"kind":"Group","name":"system:authenticated"}]}""")
            .build();

    Signal signal = harness.signalsFor(roleBinding).get(0).value();

    assertThat(signal.getEntities())
        .containsExactly(
            entity(EntityKind.ACTOR, "minikube-user"),
            entity(EntityKind.SERVICE_ACCOUNT, "system:serviceaccount:shop:deployer"),
            entity(EntityKind.NAMESPACE, "shop"));
  }

  @Test
  void patchWithoutRoleRefIsJudgedByTheResponse() {
    AuditEvent patch =
        AuditEvent.newBuilder(AuditEvents.fixture("cluster-admin-binding", "minikube"))
            .setVerb("patch")
            .setResponseCode(200)
            .setRequestObjectJson("{\"subjects\":[{\"kind\":\"User\",\"name\":\"mallory\"}]}")
            .build();

    assertThat(harness.signalsFor(patch)).hasSize(1);
  }

  @Test
  void refusedBindingRaisesNothing() {
    AuditEvent refused =
        AuditEvent.newBuilder(AuditEvents.fixture("cluster-admin-binding", "minikube"))
            .setResponseCode(403)
            .setResponseObjectJson(null)
            .build();

    assertThat(harness.signalsFor(refused)).isEmpty();
  }
}
