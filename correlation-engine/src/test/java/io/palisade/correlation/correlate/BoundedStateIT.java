package io.palisade.correlation.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.Entity;
import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.support.CorrelationHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

/**
 * A flood of one noisy rule (a million signals, ten a second for 28 hours of event time) keeps the
 * correlation state bounded: one incident whose stored and published size stop growing after the
 * timeline filled, an entity index of a few buckets per entity and seen-signal ids only for the
 * retention.
 */
class BoundedStateIT {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");

  /** A million; {@code -Dpalisade.flood.signals=…} for a quicker look. */
  private static final int SIGNALS = Integer.getInteger("palisade.flood.signals", 1_000_000);

  private static final int WARM_UP = SIGNALS / 10;
  private static final long STEP_MILLIS = 100;

  /** Short window and retention so that the flood spans many retentions. */
  private static final CorrelationSettings SETTINGS =
      CorrelationSettings.defaults()
          .withWindow(Duration.ofMinutes(1))
          .withLifecycle(Duration.ofMinutes(1), Duration.ofMinutes(1))
          .withRetention(Duration.ofMinutes(2))
          .withTimelineLimit(5);

  @Test
  void aMillionSignalsFromOneNoisyRuleKeepTheStateBounded() {
    try (CorrelationHarness harness = CorrelationHarness.inMemory(SETTINGS)) {
      TestInputTopic<String, Signal> signals =
          harness.driver.createInputTopic(
              harness.topics.signals().name(),
              new StringSerializer(),
              harness.topics.signals().valueSerde().serializer());
      // read as bytes: draining must not cost a million decodings
      TestOutputTopic<String, byte[]> incidents =
          harness.driver.createOutputTopic(
              harness.topics.incidents().name(),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      Signal signal = noisySignal();

      Sizes warm = null;
      long emitted = 0;
      for (int i = 0; i < SIGNALS; i++) {
        // one record reused: the serializer copies it at once
        signal.setId("noise-" + i);
        signal.setEventTime(T0.plusMillis(STEP_MILLIS * i));
        signals.pipeInput("demo", signal, T0.plusMillis(STEP_MILLIS * i));
        if (i % 10_000 == 9_999) {
          emitted += drain(incidents);
        }
        if (i == WARM_UP - 1) {
          warm = sizes(harness);
        }
      }
      emitted += drain(incidents);
      Sizes end = sizes(harness);

      assertThat(emitted).isEqualTo(SIGNALS);
      assertThat(end.incident().getSignalCount()).isEqualTo(SIGNALS);
      assertThat(end.incident().getRuleCounts()).containsEntry("noisy.rule", SIGNALS);
      assertThat(end.incident().getSignals()).hasSize(5);
      assertThat(end.incident().getSeverity()).isEqualTo(Severity.HIGH);

      assertThat(end.incidents()).isEqualTo(1);
      assertThat(end.incidentBytes()).isEqualTo(warm.incidentBytes()).isLessThan(16_384);
      assertThat(end.stateBytes()).isLessThanOrEqualTo(warm.stateBytes() + 16).isLessThan(32_768);
      // two linking entities, buckets of half a minute, 2 min retention (+ one segment)
      assertThat(end.indexEntries()).isLessThanOrEqualTo(2 * 12);
      // ten a second for at most retention + one segment (2 min + 1 min)
      assertThat(end.seenEntries()).isLessThanOrEqualTo(10 * 180);
      assertThat(warm.seenEntries()).isLessThanOrEqualTo(10 * 180);
    }
  }

  private static long drain(TestOutputTopic<String, byte[]> incidents) {
    long count = incidents.getQueueSize();
    for (long i = 0; i < count; i++) {
      incidents.readRecord();
    }
    return count;
  }

  record Sizes(
      Incident incident,
      int incidentBytes,
      int stateBytes,
      long incidents,
      long indexEntries,
      long seenEntries) {}

  private static Sizes sizes(CorrelationHarness harness) {
    KeyValueStore<String, IncidentState> store =
        harness.driver.getKeyValueStore(IncidentTopology.INCIDENT_STORE);
    IncidentState state;
    long incidents = 0;
    try (var all = store.all()) {
      state = all.next().value;
      incidents++;
      while (all.hasNext()) {
        all.next();
        incidents++;
      }
    }
    Incident incident =
        state.toIncident(
            state.status(), null, state.lastSeen(), state.lastSeen(), SETTINGS.storylines());
    int incidentBytes =
        harness.topics.incidents().valueSerde().serializer().serialize("t", incident).length;
    int stateBytes = new JsonSerde<>(IncidentState.class).serialize("t", state).length;
    return new Sizes(
        incident,
        incidentBytes,
        stateBytes,
        incidents,
        count(harness.driver.getWindowStore(IncidentTopology.ENTITY_INDEX_STORE)),
        count(harness.driver.getWindowStore(IncidentTopology.SEEN_SIGNALS_STORE)));
  }

  private static long count(WindowStore<String, String> store) {
    long count = 0;
    try (var all = store.all()) {
      while (all.hasNext()) {
        all.next();
        count++;
      }
    }
    return count;
  }

  private static Signal noisySignal() {
    return Signal.newBuilder()
        .setId("noise")
        .setCluster("demo")
        .setEventTime(T0)
        .setIngestTime(T0)
        .setRuleId("noisy.rule")
        .setTitle("Noisy rule")
        .setSeverity(Severity.HIGH)
        .setTactic("TA0002 Execution")
        .setTechniques(List.of("T1609"))
        .setEntities(
            List.of(
                Entity.newBuilder().setKind(EntityKind.POD).setName("shop/web").build(),
                Entity.newBuilder().setKind(EntityKind.ACTOR).setName("alice").build(),
                Entity.newBuilder().setKind(EntityKind.NAMESPACE).setName("shop").build()))
        .setEvidence(
            EvidenceRef.newBuilder()
                .setSource(EvidenceSource.RUNTIME)
                .setTopic("palisade.runtime.v1")
                .setId("evidence")
                .setSummary("noise")
                .build())
        .build();
  }
}
