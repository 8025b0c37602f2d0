package io.palisade.correlation.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.AuditEvent;
import io.palisade.correlation.support.AuditEvents;
import io.palisade.correlation.support.DetectionHarness;
import io.palisade.schemas.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionTopologyTest {

  @Test
  void poisonRecordIsDeadLetteredAndTheNextRecordIsStillDetected() {
    try (DetectionHarness harness = new DetectionHarness()) {
      byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);

      harness.rawAudit.pipeInput("garbage-key", garbage);
      AuditEvent exec = AuditEvents.fixture("exec-pod", "minikube");
      harness.audit.pipeInput(exec.getId(), exec);

      assertThat(harness.signals())
          .singleElement()
          .satisfies(record -> assertThat(record.value().getRuleId()).isEqualTo("audit.pod-exec"));
      List<DeadLetter> letters = harness.deadLetters.letters();
      assertThat(letters).hasSize(1);
      DeadLetter letter = letters.get(0);
      assertThat(letter.sourceTopic()).isEqualTo("palisade.audit.v1");
      assertThat(letter.sourceOffset()).isZero();
      assertThat(letter.origin()).isEqualTo("palisade.audit.v1/0/0");
      assertThat(letter.key()).isEqualTo("garbage-key".getBytes(StandardCharsets.UTF_8));
      assertThat(letter.value()).isEqualTo(garbage);
      assertThat(letter.reason()).isEqualTo("deserialization");
      assertThat(letter.service()).isEqualTo("detect-test");
      assertThat(letter.error()).contains("AuditEvent");
    }
  }

  @Test
  void ruleThatThrowsCostsOnlyItsOwnFinding() {
    Detection<AuditEvent> broken =
        new Detection<>() {
          @Override
          public String ruleId() {
            return "test.broken";
          }

          @Override
          public Class<AuditEvent> evidenceType() {
            return AuditEvent.class;
          }

          @Override
          public List<Finding> detect(AuditEvent evidence) {
            throw new IllegalStateException("bug in a rule");
          }
        };
    try (DetectionHarness harness =
        new DetectionHarness(new Detections(List.of(broken, new PodExecDetection())))) {

      AuditEvent exec = AuditEvents.fixture("exec-pod", "minikube");

      assertThat(harness.signalsFor(exec))
          .singleElement()
          .satisfies(record -> assertThat(record.value().getRuleId()).isEqualTo("audit.pod-exec"));
    }
  }

  @Test
  void everyStandardRuleHasItsOwnId() {
    List<String> ids = Detections.standard().all().stream().map(Detection::ruleId).toList();

    assertThat(ids).doesNotHaveDuplicates().hasSize(5);
  }

  @Test
  void javaRulesReplacedBySigmaRulesCanBeLeftOut() {
    Detections detections = Detections.standard().without(List.of("audit.pod-exec"));

    assertThat(detections.all())
        .extracting(Detection::ruleId)
        .hasSize(4)
        .doesNotContain("audit.pod-exec");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Detections.standard().without(List.of("audit.typo")))
        .hasMessageContaining("audit.typo");
  }
}
