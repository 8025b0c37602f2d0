package io.palisade.correlation.correlate;

import static io.palisade.correlation.support.TestSignals.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentResolution;
import io.palisade.avro.IncidentStatus;
import io.palisade.correlation.support.CorrelationHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Resolution after inactivity (stream time and wall-clock time), reopening, forgetting. */
class LifecycleTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");
  private static final Duration TWO_HOURS = Duration.ofHours(2);

  private CorrelationHarness harness = new CorrelationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void streamTimePassingTheInactivityResolvesTheIncident() {
    Incident open = only(harness.send(signal("a").at(T0).pod("shop/web").build()));

    // another cluster's signal two hours later advances the task's stream time
    List<TestRecord<String, Incident>> out =
        harness.send(signal("other").cluster("other").at(T0.plus(TWO_HOURS)).actor("x").build());

    Incident resolved = byId(out, open.getId());
    assertThat(resolved.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(resolved.getResolution()).isEqualTo(IncidentResolution.INACTIVITY);
    assertThat(resolved.getVersion()).isEqualTo(open.getVersion() + 1);
    assertThat(resolved.getEventTime()).isEqualTo(T0.plus(TWO_HOURS));
    assertThat(resolved.getSignalCount()).isEqualTo(1);
  }

  @Test
  void streamTimeJustShortOfTheInactivityKeepsItOpen() {
    Incident open = only(harness.send(signal("a").at(T0).pod("shop/web").build()));

    List<TestRecord<String, Incident>> out =
        harness.send(
            signal("other")
                .cluster("other")
                .at(T0.plus(TWO_HOURS).minusSeconds(61))
                .actor("x")
                .build());

    assertThat(out).extracting(TestRecord::key).doesNotContain(open.getId());
  }

  @Test
  void aQuietClusterResolvesByWallClockTime() {
    Incident open = only(harness.send(signal("a").at(T0).pod("shop/web").build()));

    assertThat(harness.advanceWallClock(Duration.ofMinutes(119))).isEmpty();
    Incident resolved = only(harness.advanceWallClock(Duration.ofMinutes(1)));

    assertThat(resolved.getId()).isEqualTo(open.getId());
    assertThat(resolved.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(resolved.getResolution()).isEqualTo(IncidentResolution.INACTIVITY);
    assertThat(resolved.getVersion()).isEqualTo(2);
  }

  @Test
  void newEvidenceWithinTheReopenWindowReopensTheSameIncident() {
    Incident open = only(harness.send(signal("a").at(T0).actor("alice").build()));
    harness.advanceWallClock(TWO_HOURS);

    // 2 h 40 min after the last signal: resolved at 2 h, reopen window 1 h
    Incident reopened =
        only(harness.send(signal("b").at(T0.plus(Duration.ofMinutes(160))).actor("alice").build()));

    assertThat(reopened.getId()).isEqualTo(open.getId());
    assertThat(reopened.getStatus()).isEqualTo(IncidentStatus.OPEN);
    assertThat(reopened.getReopened()).isEqualTo(1);
    assertThat(reopened.getResolution()).isNull();
    assertThat(reopened.getVersion()).isEqualTo(3);
    assertThat(reopened.getSignalCount()).isEqualTo(2);
  }

  @Test
  void evidenceAfterTheReopenWindowOpensANewIncidentAndTheOldOneLeavesTheStore() {
    Incident open = only(harness.send(signal("a").at(T0).actor("alice").build()));

    // stream time: resolved at T0 + 2h, forgotten at T0 + 3h
    harness.send(signal("x1").cluster("other").at(T0.plus(TWO_HOURS)).actor("x").build());
    assertThat(incidentKeys()).contains(StoreKeys.incident("demo", open.getId()));
    harness.send(signal("x2").cluster("other").at(T0.plus(Duration.ofHours(3))).actor("x").build());
    assertThat(incidentKeys()).doesNotContain(StoreKeys.incident("demo", open.getId()));

    Incident fresh =
        only(
            harness.send(
                signal("b")
                    .at(T0.plus(Duration.ofHours(3)).plusSeconds(1))
                    .actor("alice")
                    .build()));
    assertThat(fresh.getId()).isNotEqualTo(open.getId());
    assertThat(fresh.getReopened()).isZero();
  }

  @Test
  void inactivityAndReopenWindowAreConfigurableAndAZeroReopenWindowDisablesReopening() {
    harness.close();
    harness =
        new CorrelationHarness(
            CorrelationSettings.defaults().withLifecycle(Duration.ofMinutes(45), Duration.ZERO));
    Incident open = only(harness.send(signal("a").at(T0).actor("alice").build()));

    Incident resolved = only(harness.advanceWallClock(Duration.ofMinutes(45)));
    assertThat(resolved.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(incidentKeys()).isEmpty();

    Incident fresh =
        only(harness.send(signal("b").at(T0.plus(Duration.ofMinutes(50))).actor("alice").build()));
    assertThat(fresh.getId()).isNotEqualTo(open.getId());
  }

  @Test
  void aReopenedIncidentResolvesAgainAfterFreshInactivity() {
    harness.send(signal("a").at(T0).actor("alice").build());
    harness.advanceWallClock(TWO_HOURS);
    Incident reopened =
        only(harness.send(signal("b").at(T0.plus(Duration.ofMinutes(130))).actor("alice").build()));

    assertThat(harness.advanceWallClock(Duration.ofMinutes(119))).isEmpty();
    Incident again = only(harness.advanceWallClock(Duration.ofMinutes(1)));

    assertThat(again.getId()).isEqualTo(reopened.getId());
    assertThat(again.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(again.getVersion()).isEqualTo(reopened.getVersion() + 1);
    assertThat(again.getReopened()).isEqualTo(1);
  }

  private List<String> incidentKeys() {
    KeyValueStore<String, IncidentState> store =
        harness.driver.getKeyValueStore(IncidentTopology.INCIDENT_STORE);
    List<String> keys = new ArrayList<>();
    try (var all = store.all()) {
      all.forEachRemaining((KeyValue<String, IncidentState> kv) -> keys.add(kv.key));
    }
    return keys;
  }

  private static Incident byId(List<TestRecord<String, Incident>> records, String id) {
    return records.stream()
        .filter(r -> r.key().equals(id))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no record for " + id + " in " + records))
        .value();
  }

  private static Incident only(List<TestRecord<String, Incident>> records) {
    assertThat(records).hasSize(1);
    return records.get(0).value();
  }
}
