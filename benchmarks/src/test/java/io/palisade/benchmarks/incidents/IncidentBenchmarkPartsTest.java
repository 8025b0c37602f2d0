package io.palisade.benchmarks.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.avro.EntityKind;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The incident benchmark's options, workloads and document update, without a broker. */
class IncidentBenchmarkPartsTest {

  @Test
  void parsesOptionsAndKeepsDefaultsForTheRest() {
    IncidentBenchmarkSettings s =
        IncidentBenchmarkSettings.parse(
            "--only=latency,store", "--rate=2000", "--duration=30s", "--signals=1_000");

    assertThat(s.parts())
        .containsExactlyInAnyOrder(
            IncidentBenchmarkSettings.Part.LATENCY, IncidentBenchmarkSettings.Part.STORE);
    assertThat(s.rate()).isEqualTo(2_000);
    assertThat(s.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.signals()).isEqualTo(1_000);
    assertThat(s.attackEvery()).isEqualTo(100);
    assertThat(s.write()).isNull();
  }

  @Test
  void refusesUnknownOptionsAndParts() {
    assertThatThrownBy(() -> IncidentBenchmarkSettings.parse("--speed=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--speed");
    assertThatThrownBy(() -> IncidentBenchmarkSettings.parse("--only=fast"))
        .hasMessageContaining("unknown part 'fast'");
    assertThatThrownBy(() -> IncidentBenchmarkSettings.parse("--rate=0"))
        .hasMessageContaining("--rate must be at least 1");
  }

  @Test
  void theMixHasEveryKindOfSignalInEventTimeOrder() {
    List<Signal> signals = SignalWorkload.mix(20_000, 1L);

    assertThat(signals).hasSize(20_000);
    assertThat(signals).allMatch(s -> s.getCluster().equals(SignalWorkload.CLUSTER));
    long info = signals.stream().filter(s -> s.getSeverity() == Severity.INFO).count();
    assertThat(info).isBetween(1_500L, 2_500L);
    Set<String> ids = new HashSet<>();
    long redelivered = signals.stream().filter(s -> !ids.add(s.getId())).count();
    assertThat(redelivered).isBetween(100L, 300L);
    long unlinked =
        signals.stream()
            .filter(
                s ->
                    s.getEntities().stream()
                        .noneMatch(
                            e ->
                                e.getKind() == EntityKind.ACTOR
                                    || e.getKind() == EntityKind.SERVICE_ACCOUNT
                                    || e.getKind() == EntityKind.POD))
            .count();
    assertThat(unlinked).isBetween(2_500L, 3_500L);
    Set<String> firsts = new HashSet<>();
    java.time.Instant last = java.time.Instant.MIN;
    for (Signal s : signals) {
      if (firsts.add(s.getId())) {
        assertThat(s.getEventTime()).as(s.getId()).isAfter(last);
        last = s.getEventTime();
      }
    }
  }

  @Test
  void openIncidentsGiveEachIncidentItsOwnActorAndPod() {
    List<Signal> signals = SignalWorkload.openIncidents(100, 3, 1L);

    assertThat(signals).hasSize(300);
    assertThat(signals).allMatch(s -> s.getSeverity() != Severity.INFO);
    assertThat(signals.get(0).getEntities())
        .extracting(e -> e.getName())
        .contains("system:serviceaccount:ns-0:sa-0", "ns-0/app-0-7d9f8c6b5-x2k4p");
    Set<String> linking = new HashSet<>();
    for (Signal s : signals.subList(0, 100)) {
      s.getEntities().stream()
          .filter(e -> e.getKind() == EntityKind.POD)
          .forEach(e -> assertThat(linking.add(e.getName())).isTrue());
    }
  }

  @Test
  void replacesOnlyItsOwnSection() {
    String doc =
        "# Benchmarks\n\nintro\n\n<!-- intake-load:begin -->\nintake\n<!-- intake-load:end -->\n";
    String first =
        IncidentBenchmarkReport.updateDocument(
            doc, IncidentBenchmarkReport.BEGIN + "\nrun 1\n" + IncidentBenchmarkReport.END);
    String second =
        IncidentBenchmarkReport.updateDocument(
            first + "\nafter\n",
            IncidentBenchmarkReport.BEGIN + "\nrun 2\n" + IncidentBenchmarkReport.END);

    assertThat(first).startsWith(doc.stripTrailing()).contains("run 1");
    assertThat(second).contains("intake", "run 2", "after").doesNotContain("run 1");
  }
}
