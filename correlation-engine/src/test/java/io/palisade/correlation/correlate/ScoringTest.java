package io.palisade.correlation.correlate;

import static io.palisade.correlation.support.TestSignals.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.support.CorrelationHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The score, its factors and the severity that follows (formula in the module README). */
class ScoringTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");

  /** In memory: the driver flushes RocksDB after every record, slow for the flood below. */
  private final CorrelationHarness harness =
      CorrelationHarness.inMemory(CorrelationSettings.defaults());

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void oneNoisyHighRuleAloneNeverReachesCritical() {
    List<Signal> flood = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      flood.add(
          signal("noise-" + i)
              .rule("noisy.rule")
              .at(T0.plusMillis(500L * i))
              .pod("shop/web")
              .severity(Severity.HIGH)
              .tactic("TA0002 Execution", "T1609")
              .build());
    }

    List<TestRecord<String, Incident>> out = harness.send(flood.toArray(Signal[]::new));

    Incident incident = out.get(out.size() - 1).value();
    assertThat(incident.getSignalCount()).isEqualTo(1_000);
    assertThat(incident.getRuleCounts()).containsExactlyEntriesOf(Map.of("noisy.rule", 1_000));
    assertThat(out).allSatisfy(r -> assertThat(r.value().getSeverity()).isEqualTo(Severity.HIGH));
    // HIGH 50 + the repeats capped at 2 for the one rule
    assertThat(incident.getScore()).isEqualTo(52);
    assertThat(incident.getScoreFactors()).containsEntry("repeats", 2).containsEntry("rules", 0);
  }

  @Test
  void aRuleRepeatedTenThousandTimesAddsNoMoreThanOncePlusTheCap() {
    IncidentScore once = IncidentScore.of(Severity.MEDIUM, Map.of(), 1, Map.of("r", 1));
    IncidentScore noisy = IncidentScore.of(Severity.MEDIUM, Map.of(), 1, Map.of("r", 10_000));
    IncidentScore manyNoisy =
        IncidentScore.of(
            Severity.MEDIUM,
            Map.of(),
            1,
            Map.of("r1", 10_000, "r2", 10_000, "r3", 10_000, "r4", 10_000, "r5", 10_000));

    assertThat(noisy.score() - once.score()).isEqualTo(2);
    assertThat(manyNoisy.factors()).containsEntry("repeats", 6).containsEntry("rules", 12);
    assertThat(manyNoisy.severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void aThreeSourceMultiTacticOrderedChainIsCritical() {
    List<TestRecord<String, Incident>> out =
        harness.send(
            signal("binding")
                .rule("rbac")
                .at(T0)
                .actor("alice")
                .severity(Severity.MEDIUM)
                .tactic("TA0004 Privilege Escalation")
                .source(EvidenceSource.AUDIT)
                .build(),
            signal("admission")
                .rule("privileged")
                .at(T0.plusSeconds(30))
                .actor("alice")
                .pod("shop/web")
                .severity(Severity.MEDIUM)
                .tactic("TA0004 Privilege Escalation")
                .source(EvidenceSource.ADMISSION)
                .build(),
            signal("shell")
                .rule("shell")
                .at(T0.plusSeconds(60))
                .pod("shop/web")
                .severity(Severity.MEDIUM)
                .tactic("TA0002 Execution")
                .source(EvidenceSource.RUNTIME)
                .build(),
            signal("creds")
                .rule("creds")
                .at(T0.plusSeconds(90))
                .pod("shop/web")
                .severity(Severity.MEDIUM)
                .tactic("TA0006 Credential Access")
                .source(EvidenceSource.RUNTIME)
                .build());

    Incident incident = out.get(out.size() - 1).value();
    // MEDIUM 35 + tactics 16 + sources 16 + chain 12 + rules 12 = 91: every signal is MEDIUM, the
    // corroboration makes it CRITICAL
    assertThat(incident.getScore()).isEqualTo(91);
    assertThat(incident.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(incident.getScoreFactors())
        .containsEntry("sources", 16)
        .containsEntry("killChain", 12)
        .containsEntry("tactics", 16);
  }

  @Test
  void theSameTacticsOutOfKillChainOrderEarnNoChainBonus() {
    Instant late = T0.plusSeconds(60);
    Map<String, Instant> ordered =
        Map.of("TA0004", T0, "TA0002", T0.plusSeconds(30), "TA0006", late);
    Map<String, Instant> reversed =
        Map.of("TA0006", T0, "TA0002", T0.plusSeconds(30), "TA0004", late);

    assertThat(IncidentScore.killChainLength(ordered)).isEqualTo(3);
    assertThat(IncidentScore.killChainLength(reversed)).isEqualTo(1);
    assertThat(IncidentScore.of(Severity.HIGH, reversed, 1, Map.of("r", 1)).factors())
        .containsEntry("killChain", 0);
  }

  @Test
  void theScoreNeverExceedsOneHundred() {
    Map<String, Instant> tactics = new java.util.TreeMap<>();
    for (int i = 0; i < IncidentScore.KILL_CHAIN.size(); i++) {
      tactics.put(IncidentScore.KILL_CHAIN.get(i), T0.plusSeconds(i));
    }
    IncidentScore score =
        IncidentScore.of(Severity.CRITICAL, tactics, 3, Map.of("a", 9, "b", 9, "c", 9, "d", 9));

    assertThat(score.score()).isEqualTo(100);
    assertThat(score.severity()).isEqualTo(Severity.CRITICAL);
  }
}
