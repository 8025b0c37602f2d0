package io.palisade.correlation.detect;

import static io.palisade.correlation.support.Entities.entity;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.avro.UserInfo;
import io.palisade.correlation.support.AuditEvents;
import io.palisade.correlation.support.DetectionHarness;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PodExecDetectionTest {

  private final DetectionHarness harness = new DetectionHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void execIntoPodRaisesExecutionSignalKeyedByCluster() {
    AuditEvent exec = AuditEvents.fixture("exec-pod", "minikube");

    List<TestRecord<String, Signal>> records = harness.signalsFor(exec);

    assertThat(records).hasSize(1);
    TestRecord<String, Signal> record = records.get(0);
    Signal signal = record.value();
    assertThat(record.key()).isEqualTo("minikube");
    assertThat(signal.getRuleId()).isEqualTo("audit.pod-exec");
    assertThat(signal.getTitle()).isEqualTo("Exec into pod");
    assertThat(signal.getSeverity()).isEqualTo(Severity.MEDIUM);
    assertThat(signal.getTactic()).isEqualTo("TA0002 Execution");
    assertThat(signal.getTechniques()).containsExactly("T1609");
    assertThat(signal.getEntities())
        .containsExactly(
            entity(EntityKind.ACTOR, "minikube-user"),
            entity(EntityKind.POD, "default/nginx-deployment-7998647bdf-phvq7"),
            // the pod's Deployment, from the <deployment>-<hash>-<suffix> name (PodLinks)
            entity(EntityKind.WORKLOAD, "default/Deployment/nginx-deployment"),
            entity(EntityKind.NAMESPACE, "default"));
    assertThat(signal.getCluster()).isEqualTo("minikube");
    assertThat(signal.getEventTime()).isEqualTo(Instant.parse("2018-10-26T13:38:34.902Z"));
    assertThat(signal.getDescription()).contains("command=bash");
    assertThat(signal.getEvidence().getSource()).isEqualTo(EvidenceSource.AUDIT);
    assertThat(signal.getEvidence().getTopic()).isEqualTo("palisade.audit.v1");
    assertThat(signal.getEvidence().getId())
        .isEqualTo("ca1ed9f4-7bf4-4c85-81a8-1b11253d1ba6/ResponseStarted");
    assertThat(signal.getEvidence().getSummary())
        .isEqualTo("minikube-user create pods/exec default/nginx-deployment-7998647bdf-phvq7");
  }

  @Test
  void signalCarriesItsOwnCloudEventsHeadersNotTheEvidences() {
    AuditEvent exec = AuditEvents.fixture("exec-pod", "minikube");
    RecordHeaders evidenceHeaders = new RecordHeaders();
    CloudEventHeaders.write(
        evidenceHeaders,
        new CloudEvent(
            exec.getId(),
            URI.create("/palisade/audit-ingester/minikube"),
            "io.palisade.audit.v1",
            exec.getEventTime(),
            null));
    evidenceHeaders.add("x-evidence-only", "yes".getBytes(StandardCharsets.UTF_8));

    harness.audit.pipeInput(new TestRecord<>(exec.getId(), exec, evidenceHeaders));
    TestRecord<String, Signal> record = harness.signals().get(0);

    CloudEvent event = CloudEventHeaders.read(record.headers()).orElseThrow();
    assertThat(event.id()).isEqualTo(record.value().getId());
    assertThat(event.type()).isEqualTo("io.palisade.signal.v1");
    assertThat(event.source()).isEqualTo(URI.create("/palisade/correlation-engine/minikube"));
    assertThat(event.time()).isEqualTo(record.value().getEventTime());
    assertThat(event.subject()).isEqualTo("audit.pod-exec");
    assertThat(record.headers().lastHeader("x-evidence-only")).isNull();
    assertThat(record.headers().headers(CloudEventHeaders.ID)).hasSize(1);
  }

  @Test
  void stagesOfOneRequestCollapseToOneSignalId() {
    AuditEvent started = AuditEvents.fixture("exec-pod", "minikube");
    AuditEvent completed =
        AuditEvent.newBuilder(started)
            .setStage("ResponseComplete")
            .setId(started.getAuditId() + "/ResponseComplete")
            .setEventTime(started.getEventTime().plusSeconds(90))
            .build();

    Signal first = harness.signalsFor(started).get(0).value();
    Signal second = harness.signalsFor(completed).get(0).value();

    assertThat(second.getId()).isEqualTo(first.getId());
    assertThat(second.getEvidence().getId()).isNotEqualTo(first.getEvidence().getId());
  }

  @Test
  void attachIntoPodIsExecutionToo() {
    Signal signal =
        harness.signalsFor(AuditEvents.fixture("attach-pod", "minikube")).get(0).value();

    assertThat(signal.getTitle()).isEqualTo("Attach to pod");
    assertThat(signal.getSeverity()).isEqualTo(Severity.MEDIUM);
    assertThat(signal.getTechniques()).containsExactly("T1609");
    assertThat(signal.getEvidence().getSummary())
        .isEqualTo("minikube-user create pods/attach default/nginx-deployment-7998647bdf-phvq7");
  }

  @Test
  void execUpgradedToWebSocketsIsLoggedAsGetAndStillCounts() {
    AuditEvent exec =
        AuditEvent.newBuilder(AuditEvents.fixture("exec-pod", "minikube")).setVerb("get").build();

    assertThat(harness.signalsFor(exec)).hasSize(1);
  }

  @Test
  void refusedExecRaisesNothing() {
    AuditEvent refused =
        AuditEvent.newBuilder(AuditEvents.fixture("exec-pod", "minikube"))
            .setResponseCode(403)
            .build();

    assertThat(harness.signalsFor(refused)).isEmpty();
  }

  @Test
  void execStillWithoutResponseCodeCounts() {
    AuditEvent received =
        AuditEvent.newBuilder(AuditEvents.fixture("exec-pod", "minikube"))
            .setStage("RequestReceived")
            .setResponseCode(null)
            .build();

    assertThat(harness.signalsFor(received)).hasSize(1);
  }

  @Test
  void portForwardIsLowAndHasNoAttackMapping() {
    AuditEvent exec = AuditEvents.fixture("exec-pod", "minikube");
    exec.getObjectRef().setSubresource("portforward");

    Signal signal = harness.signalsFor(exec).get(0).value();

    assertThat(signal.getTitle()).isEqualTo("Port-forward to pod");
    assertThat(signal.getSeverity()).isEqualTo(Severity.LOW);
    assertThat(signal.getTactic()).isNull();
    assertThat(signal.getTechniques()).isEmpty();
  }

  @Test
  void serviceAccountUserBecomesServiceAccountEntity() {
    AuditEvent exec =
        AuditEvent.newBuilder(AuditEvents.fixture("exec-pod", "minikube"))
            .setUser(UserInfo.newBuilder().setUsername("system:serviceaccount:ci:runner").build())
            .build();

    Signal signal = harness.signalsFor(exec).get(0).value();

    assertThat(signal.getEntities())
        .contains(entity(EntityKind.SERVICE_ACCOUNT, "system:serviceaccount:ci:runner"))
        .doesNotContain(entity(EntityKind.ACTOR, "system:serviceaccount:ci:runner"));
  }

  @Test
  void otherPodRequestsAreNotExec() {
    assertThat(harness.signalsFor(AuditEvents.fixture("unprivileged-pod", "minikube"))).isEmpty();
    AuditEvent logs = AuditEvents.fixture("exec-pod", "minikube");
    logs.getObjectRef().setSubresource("log");
    assertThat(harness.signalsFor(logs)).isEmpty();
  }
}
