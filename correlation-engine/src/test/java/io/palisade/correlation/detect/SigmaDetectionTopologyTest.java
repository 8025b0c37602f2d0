package io.palisade.correlation.detect;

import static io.palisade.correlation.support.SigmaTopologies.T0;
import static io.palisade.correlation.support.SigmaTopologies.audit;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.support.AdmissionReviews;
import io.palisade.correlation.support.AuditEvents;
import io.palisade.correlation.support.DetectionHarness;
import io.palisade.correlation.support.FalcoAlerts;
import io.palisade.correlation.support.SigmaTopologies;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.DeadLetter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Sigma detection rules in the detection topology: views, signals, repeats, allow-lists. */
class SigmaDetectionTopologyTest {

  static final String EXEC = "11111111-0000-4000-8000-000000000001";
  static final String PRIVILEGED = "11111111-0000-4000-8000-000000000002";
  static final String SHELL = "11111111-0000-4000-8000-000000000003";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private DetectionHarness harness(DetectionSettings settings) {
    return SigmaTopologies.harness("single", settings, meters);
  }

  private DetectionHarness harness() {
    return harness(DetectionSettings.defaults());
  }

  @Test
  void auditEventMatchesThroughTheNativeAuditViewAndBecomesASignal() {
    try (DetectionHarness harness = harness()) {
      AuditEvent exec = AuditEvents.fixture("exec-pod", "minikube");

      List<TestRecord<String, Signal>> records = harness.signalsFor(exec);

      assertThat(records).singleElement();
      TestRecord<String, Signal> record = records.get(0);
      Signal signal = record.value();
      assertThat(record.key()).isEqualTo("minikube");
      assertThat(signal.getRuleId()).isEqualTo(EXEC);
      assertThat(signal.getTitle()).isEqualTo("Test exec into pod");
      assertThat(signal.getDescription()).isEqualTo("Someone opened a shell in a pod.");
      assertThat(signal.getSeverity()).isEqualTo(Severity.MEDIUM);
      assertThat(signal.getTactic()).isEqualTo("TA0002 Execution");
      assertThat(signal.getTechniques()).containsExactly("T1609");
      assertThat(signal.getEventTime()).isEqualTo(exec.getEventTime());
      assertThat(signal.getCount()).isEqualTo(1);
      assertThat(signal.getEvidence().getSource()).isEqualTo(EvidenceSource.AUDIT);
      assertThat(signal.getEvidence().getId()).isEqualTo(exec.getId());
      assertThat(signal.getEvidence().getSummary())
          .isEqualTo(
              "minikube-user create pods/exec default/nginx-deployment-7998647bdf-phvq7 → 101");
      assertThat(signal.getEntities())
          .containsExactlyInAnyOrder(
              entity(EntityKind.ACTOR, "minikube-user"),
              entity(EntityKind.NAMESPACE, "default"),
              entity(EntityKind.POD, "default/nginx-deployment-7998647bdf-phvq7"),
              entity(EntityKind.WORKLOAD, "default/Deployment/nginx-deployment"),
              entity(EntityKind.SOURCE_IP, "192.168.99.1"));
      assertThat(signal.getId()).isEqualTo(SignalIds.of(EXEC, exec.getAuditId()));
      assertThat(CloudEventHeaders.read(record.headers()).orElseThrow().subject()).isEqualTo(EXEC);
    }
  }

  @Test
  void admissionDecisionMatchesOnTheParsedObject() {
    try (DetectionHarness harness = harness()) {
      AdmissionDecision decision =
          AdmissionReviews.fixture("pod-create-privileged", "prod", false, List.of());

      Signal signal = single(harness.signalsFor(decision));

      assertThat(signal.getRuleId()).isEqualTo(PRIVILEGED);
      assertThat(signal.getSeverity()).isEqualTo(Severity.HIGH);
      assertThat(signal.getTactic()).isEqualTo("TA0004 Privilege Escalation");
      assertThat(signal.getTechniques()).containsExactly("T1611");
      assertThat(signal.getEvidence().getSource()).isEqualTo(EvidenceSource.ADMISSION);
      assertThat(signal.getEntities())
          .containsExactlyInAnyOrder(
              entity(EntityKind.ACTOR, "kubernetes-admin"),
              entity(EntityKind.NAMESPACE, "team-a"),
              entity(EntityKind.POD, "team-a/debug"),
              entity(EntityKind.IMAGE, "alpine:latest"));
    }
  }

  @Test
  void falcoAlertMatchesThroughTheFalcoView() {
    try (DetectionHarness harness = harness()) {
      RuntimeAlert alert = FalcoAlerts.fixture("terminal-shell-critical", "prod");

      Signal signal = single(harness.signalsFor(alert));

      assertThat(signal.getRuleId()).isEqualTo(SHELL);
      assertThat(signal.getSeverity()).isEqualTo(Severity.CRITICAL);
      assertThat(signal.getTechniques()).containsExactly("T1059");
      assertThat(signal.getEvidence().getSource()).isEqualTo(EvidenceSource.RUNTIME);
      assertThat(signal.getEntities())
          .contains(
              entity(EntityKind.POD, "default/kubecon"),
              entity(EntityKind.NODE, "falco-xczjd"),
              entity(EntityKind.IMAGE, "docker.io/library/alpine"),
              entity(EntityKind.CONTAINER, "ee97d9c4186f"));
    }
  }

  @Test
  void falcoInternalAlertsNeverReachTheRules() {
    try (DetectionHarness harness = harness()) {
      RuntimeAlert internal =
          RuntimeAlert.newBuilder(FalcoAlerts.fixture("terminal-shell-critical", "prod"))
              .setSource("internal")
              .build();

      assertThat(harness.signalsFor(internal)).isEmpty();
    }
  }

  @Test
  void identicalRepeatsWithinTheWindowBecomeOneSignalWithACount() {
    try (DetectionHarness harness = harness()) {
      // the same exec by alice into the same pod, four requests within the 60 s window
      for (int i = 0; i < 4; i++) {
        harness.audit.pipeInput(
            "k",
            audit(
                "a" + i,
                "alice",
                "create",
                "pods/exec",
                "shop",
                "web",
                101,
                T0.plusSeconds(i * 10)));
      }
      List<Signal> first = values(harness.signals());
      assertThat(first).singleElement().satisfies(s -> assertThat(s.getCount()).isEqualTo(1));

      // another pod is other entities: its own signal at once
      harness.audit.pipeInput(
          "k", audit("b0", "alice", "create", "pods/exec", "shop", "db", 101, T0.plusSeconds(35)));
      assertThat(values(harness.signals()))
          .singleElement()
          .satisfies(s -> assertThat(s.getEvidence().getId()).isEqualTo("b0/ResponseComplete"));

      // stream time passes the end of the first window: the repeats come out as one signal
      harness.audit.pipeInput(
          "k", audit("c0", "bob", "get", "pods", "shop", "web", 200, T0.plusSeconds(75)));
      List<Signal> flushed = values(harness.signals());
      assertThat(flushed).hasSize(1);
      Signal repeats = flushed.get(0);
      assertThat(repeats.getRuleId()).isEqualTo(EXEC);
      assertThat(repeats.getCount()).isEqualTo(3);
      assertThat(repeats.getEvidenceIds())
          .containsExactly("a1/ResponseComplete", "a2/ResponseComplete", "a3/ResponseComplete");
      assertThat(repeats.getEventTime()).isEqualTo(T0.plusSeconds(30));
      assertThat(repeats.getId()).isNotEqualTo(first.get(0).getId());

      // after the window a new match is emitted at once again
      harness.audit.pipeInput(
          "k", audit("a9", "alice", "create", "pods/exec", "shop", "web", 101, T0.plusSeconds(80)));
      assertThat(values(harness.signals()))
          .singleElement()
          .satisfies(s -> assertThat(s.getCount()).isEqualTo(1));
    }
  }

  @Test
  void anotherStageOfTheSameRequestIsNotARepeat() {
    try (DetectionHarness harness = harness()) {
      AuditEvent complete = audit("same", "alice", "create", "pods/exec", "shop", "web", 101, T0);
      AuditEvent started =
          AuditEvent.newBuilder(complete)
              .setId("same/ResponseStarted")
              .setStage("ResponseStarted")
              .build();
      harness.audit.pipeInput("k", started);
      harness.audit.pipeInput("k", complete);
      harness.audit.pipeInput(
          "k", audit("later", "bob", "get", "pods", "shop", "web", 200, T0.plusSeconds(120)));

      assertThat(values(harness.signals())).hasSize(1);
    }
  }

  @Test
  void repeatsOfAnIdleStreamAreFlushedByTheWallClock() {
    try (DetectionHarness harness = harness()) {
      harness.audit.pipeInput(
          "k", audit("a0", "alice", "create", "pods/exec", "shop", "web", 101, T0));
      harness.audit.pipeInput(
          "k", audit("a1", "alice", "create", "pods/exec", "shop", "web", 101, T0.plusSeconds(5)));
      assertThat(harness.signals()).hasSize(1);

      harness.advanceWallClock(Duration.ofSeconds(70));

      assertThat(values(harness.signals()))
          .singleElement()
          .satisfies(s -> assertThat(s.getCount()).isEqualTo(1));
    }
  }

  @Test
  void allowListedMatchesAreSuppressed() {
    AllowList allow =
        new AllowList(
            List.of("system:serviceaccount:kube-system:*"), List.of("monitoring"), List.of());
    DetectionSettings settings =
        new DetectionSettings(Duration.ofSeconds(60), Duration.ofSeconds(30), 20, allow);
    try (DetectionHarness harness = harness(settings)) {
      harness.audit.pipeInput(
          "k",
          audit(
              "a0",
              "system:serviceaccount:kube-system:job",
              "create",
              "pods/exec",
              "shop",
              "web",
              101,
              T0));
      harness.audit.pipeInput(
          "k", audit("a1", "alice", "create", "pods/exec", "monitoring", "prom", 101, T0));
      harness.audit.pipeInput(
          "k", audit("a2", "alice", "create", "pods/exec", "shop", "web", 101, T0));

      assertThat(values(harness.signals()))
          .singleElement()
          .satisfies(s -> assertThat(s.getEvidence().getId()).isEqualTo("a2/ResponseComplete"));
      assertThat(meters.counter("palisade.detection.suppressed", "source", "audit").count())
          .isEqualTo(2);
    }
  }

  @Test
  void aRawObjectThatIsNotJsonIsDeadLetteredAndTheOtherRulesStillRun() {
    try (DetectionHarness harness = harness()) {
      AdmissionDecision broken =
          AdmissionDecision.newBuilder(
                  AdmissionReviews.fixture("pod-create-privileged", "prod", false, List.of()))
              .setObjectJson("{not json")
              .build();

      assertThat(harness.signalsFor(broken)).isEmpty();

      List<DeadLetter> letters = harness.deadLetters.letters();
      assertThat(letters).singleElement();
      assertThat(letters.get(0).reason()).isEqualTo(DetectionTopology.INVALID_RAW_OBJECT);
      assertThat(letters.get(0).sourceTopic()).isEqualTo("palisade.admission.v1");
      assertThat(letters.get(0).error()).contains("object");
      assertThat(
              meters.counter("palisade.detection.evidence.invalid", "source", "admission").count())
          .isEqualTo(1);

      // the stream goes on
      AuditEvent exec = AuditEvents.fixture("exec-pod", "minikube");
      assertThat(harness.signalsFor(exec)).hasSize(1);
    }
  }

  private static Signal single(List<TestRecord<String, Signal>> records) {
    assertThat(records).hasSize(1);
    return records.get(0).value();
  }

  static List<Signal> values(List<TestRecord<String, Signal>> records) {
    return records.stream().map(TestRecord::value).toList();
  }

  static Entity entity(EntityKind kind, String name) {
    return Entity.newBuilder().setKind(kind).setName(name).build();
  }
}
