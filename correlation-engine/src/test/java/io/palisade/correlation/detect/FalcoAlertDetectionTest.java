package io.palisade.correlation.detect;

import static io.palisade.correlation.support.Entities.entity;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.FalcoPriority;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.support.DetectionHarness;
import io.palisade.correlation.support.FalcoAlerts;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FalcoAlertDetectionTest {

  private final DetectionHarness harness = new DetectionHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void criticalTerminalShellRaisesCriticalExecutionSignal() {
    RuntimeAlert alert = FalcoAlerts.fixture("terminal-shell-critical", "prod");

    List<TestRecord<String, Signal>> records = harness.signalsFor(alert);

    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isEqualTo("prod");
    Signal signal = records.get(0).value();
    assertThat(signal.getRuleId()).isEqualTo("runtime.falco-alert");
    assertThat(signal.getTitle()).isEqualTo("Terminal shell in container");
    assertThat(signal.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(signal.getTactic()).isEqualTo("TA0002 Execution");
    assertThat(signal.getTechniques()).isEmpty();
    assertThat(signal.getDescription()).contains("A shell was spawned in a container");
    assertThat(signal.getEventTime()).isEqualTo(Instant.parse("2023-05-25T13:44:05.478Z"));
    assertThat(signal.getEntities())
        .containsExactly(
            entity(EntityKind.POD, "default/kubecon"),
            entity(EntityKind.NAMESPACE, "default"),
            entity(EntityKind.NODE, "falco-xczjd"),
            entity(EntityKind.IMAGE, "docker.io/library/alpine"),
            entity(EntityKind.CONTAINER, "ee97d9c4186f"));
    assertThat(signal.getEvidence().getSource()).isEqualTo(EvidenceSource.RUNTIME);
    assertThat(signal.getEvidence().getTopic()).isEqualTo("palisade.runtime.v1");
    assertThat(signal.getEvidence().getId()).isEqualTo(alert.getId());
    assertThat(signal.getEvidence().getSummary())
        .isEqualTo("Critical Terminal shell in container in default/kubecon on falco-xczjd");
  }

  @Test
  void techniqueTagsAndTacticIdTagsAreRead() {
    RuntimeAlert alert =
        RuntimeAlert.newBuilder(FalcoAlerts.fixture("terminal-shell-critical", "prod"))
            .setTags(List.of("container", "TA0006", "T1552.001", "filesystem", "T1555"))
            .build();

    Signal signal = harness.signalsFor(alert).get(0).value();

    assertThat(signal.getTactic()).isEqualTo("TA0006 Credential Access");
    assertThat(signal.getTechniques()).containsExactly("T1552.001", "T1555");
  }

  @Test
  void warningWithoutPodStillRaisesMediumSignal() {
    Signal signal =
        harness.signalsFor(FalcoAlerts.fixture("disallowed-user-warning", "ovh")).get(0).value();

    assertThat(signal.getTitle()).isEqualTo("Disallowed K8s User");
    assertThat(signal.getSeverity()).isEqualTo(Severity.MEDIUM);
    assertThat(signal.getTactic()).isNull();
    assertThat(signal.getEntities())
        .containsExactly(entity(EntityKind.NODE, "my-pool-1-node-921b61"));
  }

  @Test
  void noticesAreBelowTheBar() {
    assertThat(harness.signalsFor(FalcoAlerts.fixture("terminal-shell-notice", "prod"))).isEmpty();
    assertThat(harness.signalsFor(FalcoAlerts.fixture("k8saudit-exec-notice", "prod"))).isEmpty();
  }

  @Test
  void falcoInternalMessagesAreNotEvidenceWhateverTheirPriority() {
    RuntimeAlert metrics = FalcoAlerts.fixture("metrics-snapshot", "prod");
    RuntimeAlert loudMetrics =
        RuntimeAlert.newBuilder(metrics).setPriority(FalcoPriority.CRITICAL).build();

    assertThat(harness.signalsFor(metrics)).isEmpty();
    assertThat(harness.signalsFor(loudMetrics)).isEmpty();
  }

  @Test
  void unresolvedFieldsAreNotEntities() {
    RuntimeAlert alert =
        RuntimeAlert.newBuilder(FalcoAlerts.fixture("terminal-shell-critical", "prod"))
            .setPod("<NA>")
            .setImage("<NA>")
            .setContainerId("host")
            .build();

    Signal signal = harness.signalsFor(alert).get(0).value();

    assertThat(signal.getEntities())
        .containsExactly(
            entity(EntityKind.NAMESPACE, "default"), entity(EntityKind.NODE, "falco-xczjd"));
  }

  @ParameterizedTest
  @CsvSource({
    "EMERGENCY, CRITICAL",
    "ALERT, CRITICAL",
    "CRITICAL, CRITICAL",
    "ERROR, HIGH",
    "WARNING, MEDIUM"
  })
  void priorityMapsToSeverity(FalcoPriority priority, Severity severity) {
    RuntimeAlert alert =
        RuntimeAlert.newBuilder(FalcoAlerts.fixture("terminal-shell-critical", "prod"))
            .setPriority(priority)
            .build();

    assertThat(harness.signalsFor(alert).get(0).value().getSeverity()).isEqualTo(severity);
  }
}
