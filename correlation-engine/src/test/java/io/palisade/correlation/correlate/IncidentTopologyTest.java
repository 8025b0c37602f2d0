package io.palisade.correlation.correlate;

import static io.palisade.correlation.support.TestSignals.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.avro.EntityKind;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.avro.SignalSummary;
import io.palisade.correlation.support.CorrelationHarness;
import io.palisade.correlation.support.StreamsTestConfig;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncidentTopologyTest {

  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");

  private CorrelationHarness harness = new CorrelationHarness();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void firstSignalOpensIncidentWithDeterministicId() {
    Signal first = signal("falco-1").at(T0).pod("shop/web").source(EvidenceSource.RUNTIME).build();

    List<TestRecord<String, Incident>> out = harness.send(first);

    assertThat(out).hasSize(1);
    Incident incident = out.get(0).value();
    assertThat(out.get(0).key()).isEqualTo(incident.getId());
    assertThat(incident.getId()).isEqualTo(IncidentProcessor.incidentIdFor(first));
    assertThat(incident.getVersion()).isEqualTo(1);
    assertThat(incident.getStatus()).isEqualTo(IncidentStatus.OPEN);
    assertThat(incident.getCluster()).isEqualTo("demo");
    assertThat(incident.getSignalCount()).isEqualTo(1);
    assertThat(incident.getFirstSeen()).isEqualTo(T0);
    assertThat(incident.getEventTime()).isEqualTo(T0);
    assertThat(incident.getIngestTime()).isEqualTo(StreamsTestConfig.WALL_CLOCK);
    assertThat(incident.getMergedInto()).isNull();
  }

  @Test
  void signalsSharingAPodJoinOneIncident() {
    String id = open(signal("falco-1").at(T0).pod("shop/web").source(EvidenceSource.RUNTIME));

    Incident joined =
        only(
            harness.send(
                signal("exec-1").at(T0.plusSeconds(300)).actor("alice").pod("shop/web").build()));

    assertThat(joined.getId()).isEqualTo(id);
    assertThat(joined.getVersion()).isEqualTo(2);
    assertThat(joined.getSignalCount()).isEqualTo(2);
    assertThat(joined.getSources()).containsExactly(EvidenceSource.AUDIT, EvidenceSource.RUNTIME);
    assertThat(joined.getEntities())
        .extracting(e -> e.getKind() + ":" + e.getName())
        .containsExactly("ACTOR:alice", "POD:shop/web");
  }

  @Test
  void signalsSharingAnActorJoinOneIncident() {
    String id = open(signal("bind-1").at(T0).actor("alice"));

    Incident joined =
        only(harness.send(signal("pod-1").at(T0.plusSeconds(60)).actor("alice").build()));

    assertThat(joined.getId()).isEqualTo(id);
  }

  @Test
  void sharedNamespaceAloneDoesNotLink() {
    String first = open(signal("a").at(T0).pod("shop/a").entity(EntityKind.NAMESPACE, "shop"));

    Incident second =
        only(
            harness.send(
                signal("b")
                    .at(T0.plusSeconds(10))
                    .pod("shop/b")
                    .entity(EntityKind.NAMESPACE, "shop")
                    .build()));

    assertThat(second.getId()).isNotEqualTo(first);
    assertThat(second.getVersion()).isEqualTo(1);
  }

  @Test
  void windowBoundIsInclusive() {
    String id = open(signal("a").at(T0).pod("shop/web"));

    Incident later =
        only(harness.send(signal("b").at(T0.plus(Duration.ofMinutes(30))).pod("shop/web").build()));

    assertThat(later.getId()).isEqualTo(id);
  }

  @Test
  void noLinkBeyondTheWindow() {
    String id = open(signal("a").at(T0).pod("shop/web"));

    Incident later =
        only(
            harness.send(
                signal("b")
                    .at(T0.plus(Duration.ofMinutes(30)).plusMillis(1))
                    .pod("shop/web")
                    .build()));

    assertThat(later.getId()).isNotEqualTo(id);
    assertThat(later.getSignalCount()).isEqualTo(1);
  }

  @Test
  void windowIsConfigurable() {
    harness.close();
    harness =
        new CorrelationHarness(CorrelationSettings.defaults().withWindow(Duration.ofMinutes(5)));
    String id = open(signal("a").at(T0).pod("shop/web"));

    Incident later =
        only(harness.send(signal("b").at(T0.plus(Duration.ofMinutes(6))).pod("shop/web").build()));

    assertThat(later.getId()).isNotEqualTo(id);
  }

  @Test
  void execBridgingTwoIncidentsMergesThemIntoTheOlder() {
    // Falco's alert about the pod arrives first, the binding by alice (earlier in event time)
    // second: two incidents. The exec links alice to the pod and so merges them.
    String podIncident =
        open(
            signal("falco")
                .at(T0.plusSeconds(190))
                .pod("shop/web-7d9f")
                .source(EvidenceSource.RUNTIME));
    String actorIncident = open(signal("binding").at(T0).actor("alice"));

    List<TestRecord<String, Incident>> out =
        harness.send(
            signal("exec").at(T0.plusSeconds(180)).actor("alice").pod("shop/web-7d9f").build());

    assertThat(out).hasSize(2);
    Incident survivor = out.get(0).value();
    Incident merged = out.get(1).value();
    assertThat(survivor.getId()).isEqualTo(actorIncident);
    assertThat(survivor.getStatus()).isEqualTo(IncidentStatus.OPEN);
    assertThat(survivor.getVersion()).isEqualTo(2);
    assertThat(survivor.getSignalCount()).isEqualTo(3);
    assertThat(survivor.getSignals())
        .extracting(SignalSummary::getId)
        .containsExactly("binding", "exec", "falco");
    assertThat(merged.getId()).isEqualTo(podIncident);
    assertThat(merged.getStatus()).isEqualTo(IncidentStatus.MERGED);
    assertThat(merged.getMergedInto()).isEqualTo(actorIncident);
    assertThat(merged.getVersion()).isEqualTo(2);
    assertThat(merged.getSignalCount()).isEqualTo(1);
    assertThat(out.get(1).key()).isEqualTo(podIncident);

    // the absorbed incident's pod now leads to the survivor
    Incident next =
        only(harness.send(signal("falco-2").at(T0.plusSeconds(400)).pod("shop/web-7d9f").build()));
    assertThat(next.getId()).isEqualTo(actorIncident);
    assertThat(next.getVersion()).isEqualTo(3);
    KeyValueStore<String, IncidentState> store =
        harness.driver.getKeyValueStore(IncidentTopology.INCIDENT_STORE);
    assertThat(keys(store)).containsExactly(StoreKeys.incident("demo", actorIncident));
  }

  @Test
  void sameSignalIdIsCountedOnce() {
    Signal exec = signal("exec").at(T0).actor("alice").pod("shop/web").build();
    Signal laterStageOfSameRequest =
        Signal.newBuilder(exec).setEventTime(T0.plus(Duration.ofMinutes(45))).build();

    harness.send(exec);
    List<TestRecord<String, Incident>> duplicates = harness.send(exec, laterStageOfSameRequest);

    assertThat(duplicates).isEmpty();
    assertThat(harness.latest().values())
        .singleElement()
        .satisfies(incident -> assertThat(incident.getSignalCount()).isEqualTo(1));
  }

  @Test
  void activitySignalsStayOutOfIncidents() {
    List<TestRecord<String, Incident>> changes =
        harness.send(
            signal("activity").at(T0).actor("alice").severity(Severity.INFO).build(),
            signal("unknown").at(T0).actor("alice").severity(Severity.UNKNOWN).build());

    assertThat(changes).isEmpty();
    assertThat(harness.send(signal("finding").at(T0).actor("alice").severity(Severity.LOW).build()))
        .singleElement()
        .satisfies(change -> assertThat(change.value().getSignalCount()).isEqualTo(1));
  }

  @Test
  void versionsIncreaseByOnePerIncident() {
    harness.send(
        signal("s1").at(T0).pod("shop/a").build(),
        signal("s2").at(T0.plusSeconds(5)).actor("bob").build(),
        signal("s3").at(T0.plusSeconds(10)).pod("shop/a").build(),
        signal("s4").at(T0.plusSeconds(15)).actor("bob").pod("shop/a").build(),
        signal("s5").at(T0.plusSeconds(20)).actor("bob").build(),
        signal("s6").at(T0.plusSeconds(25)).pod("shop/other").build());

    Map<String, List<Long>> versions = new HashMap<>();
    harness
        .emitted()
        .forEach(
            r ->
                versions
                    .computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(r.value().getVersion()));
    assertThat(versions).hasSize(3);
    versions
        .values()
        .forEach(
            list -> {
              for (int i = 0; i < list.size(); i++) {
                assertThat(list.get(i)).isEqualTo(i + 1L);
              }
            });
  }

  @Test
  void timelineFollowsEventTimeWhateverTheArrivalOrder() {
    Incident incident =
        last(
            harness.send(
                signal("third").at(T0.plusSeconds(180)).pod("shop/web").build(),
                signal("first").at(T0).pod("shop/web").build(),
                signal("second").at(T0.plusSeconds(60)).pod("shop/web").build()));

    assertThat(incident.getSignals())
        .extracting(SignalSummary::getId)
        .containsExactly("first", "second", "third");
    assertThat(incident.getFirstSeen()).isEqualTo(T0);
    assertThat(incident.getLastSeen()).isEqualTo(T0.plusSeconds(180));
    assertThat(incident.getEventTime()).isEqualTo(incident.getLastSeen());
  }

  @Test
  void everyIncidentRecordCarriesCloudEventsHeaders() {
    harness.send(
        signal("a").at(T0).pod("shop/web").build(), signal("b").at(T0).pod("shop/web").build());

    assertThat(harness.emitted()).hasSize(2);
    for (TestRecord<String, Incident> record : harness.emitted()) {
      CloudEvent event = CloudEventHeaders.read(record.headers()).orElseThrow();
      assertThat(event.id()).isEqualTo(record.key() + "/" + record.value().getVersion());
      assertThat(event.type()).isEqualTo("io.palisade.incident.v1");
      assertThat(event.source()).isEqualTo(URI.create("/palisade/correlation-engine/demo"));
      assertThat(event.subject()).isEqualTo(record.key());
      assertThat(event.time()).isEqualTo(record.value().getEventTime());
    }
  }

  @Test
  void anOrderedChainOfThreeTacticsScoresCriticalAndTitleNamesTheOnlyActor() {
    Incident incident =
        last(
            harness.send(
                signal("a")
                    .rule("rule-a")
                    .at(T0)
                    .actor("alice")
                    .severity(Severity.MEDIUM)
                    .title("Bound admin")
                    .tactic("TA0004 Privilege Escalation", "T1098.006")
                    .build(),
                signal("b")
                    .rule("rule-b")
                    .at(T0.plusSeconds(1))
                    .actor("alice")
                    .severity(Severity.HIGH)
                    .title("Shell")
                    .tactic("TA0002 Execution", "T1609")
                    .build(),
                signal("c")
                    .rule("rule-c")
                    .at(T0.plusSeconds(2))
                    .actor("alice")
                    .severity(Severity.LOW)
                    .title("Read secret")
                    .tactic("TA0006 Credential Access")
                    .build()));

    assertThat(incident.getTactics())
        .containsExactly(
            "TA0002 Execution", "TA0004 Privilege Escalation", "TA0006 Credential Access");
    assertThat(incident.getTechniques()).containsExactly("T1098.006", "T1609");
    assertThat(incident.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(incident.getTitle()).isEqualTo("Shell by alice");
    // HIGH 50 + 2 more tactics × 8 + chain TA0004 → TA0002 → TA0006 (2 steps × 6) + 2 more rules
    // × 4 = 86 ≥ 85
    assertThat(incident.getScore()).isEqualTo(86);
    assertThat(incident.getScoreFactors())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "severity", 50,
                "tactics", 16,
                "sources", 0,
                "killChain", 12,
                "rules", 8,
                "repeats", 0));
    assertThat(incident.getRuleCounts()).containsOnlyKeys("rule-a", "rule-b", "rule-c");
  }

  @Test
  void twoTacticsDoNotRaiseSeverityAndTwoActorsAreNotNamed() {
    Incident incident =
        last(
            harness.send(
                signal("a")
                    .at(T0)
                    .actor("alice")
                    .pod("shop/web")
                    .severity(Severity.HIGH)
                    .tactic("TA0004 Privilege Escalation")
                    .build(),
                signal("b")
                    .at(T0.plusSeconds(1))
                    .actor("bob")
                    .pod("shop/web")
                    .severity(Severity.MEDIUM)
                    .tactic("TA0002 Execution")
                    .build()));

    assertThat(incident.getSeverity()).isEqualTo(Severity.HIGH);
    assertThat(incident.getTitle()).isEqualTo("Signal a");
    // HIGH 50 + 1 more tactic × 8 + chain TA0004 → TA0002 (1 step × 6) + 1 repeat of test.rule
    assertThat(incident.getScore()).isEqualTo(65);
  }

  @Test
  void timelineIsBoundedButSignalCountKeepsCounting() {
    harness.close();
    harness =
        new CorrelationHarness(
            new CorrelationSettings(
                Duration.ofMinutes(30),
                CorrelationSettings.DEFAULT_LINKING_KINDS,
                Duration.ofHours(24),
                3));

    Incident incident =
        last(
            harness.send(
                signal("s5").at(T0.plusSeconds(5)).pod("shop/web").build(),
                signal("s1").at(T0.plusSeconds(1)).pod("shop/web").build(),
                signal("s4").at(T0.plusSeconds(4)).pod("shop/web").build(),
                signal("s2").at(T0.plusSeconds(2)).pod("shop/web").build(),
                signal("s3").at(T0.plusSeconds(3)).pod("shop/web").build()));

    assertThat(incident.getSignalCount()).isEqualTo(5);
    assertThat(incident.getSignals())
        .extracting(SignalSummary::getId)
        .containsExactly("s1", "s2", "s3");
    assertThat(incident.getLastSeen()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void clustersNeverShareIncidents() {
    String inA = open(signal("a").cluster("cluster-a").at(T0).actor("alice").pod("shop/web"));

    Incident inB =
        only(
            harness.send(
                signal("b").cluster("cluster-b").at(T0).actor("alice").pod("shop/web").build()));

    assertThat(inB.getId()).isNotEqualTo(inA);
    assertThat(inB.getCluster()).isEqualTo("cluster-b");
    KeyValueStore<String, IncidentState> store =
        harness.driver.getKeyValueStore(IncidentTopology.INCIDENT_STORE);
    assertThat(keys(store))
        .containsExactlyInAnyOrder("cluster-a\u001f" + inA, "cluster-b\u001f" + inB.getId());
  }

  @Test
  void ingestTimeFollowsTheProcessingClock() {
    open(signal("a").at(T0).pod("shop/web"));
    harness.driver.advanceWallClockTime(Duration.ofMinutes(7));

    Incident second = only(harness.send(signal("b").at(T0).pod("shop/web").build()));

    assertThat(second.getIngestTime())
        .isEqualTo(StreamsTestConfig.WALL_CLOCK.plus(Duration.ofMinutes(7)));
  }

  @Test
  void replayingTheSameSignalsGivesTheSameIncidents() {
    List<Signal> signals =
        List.of(
            signal("x").at(T0).pod("shop/web").build(),
            signal("y").at(T0.plusSeconds(5)).actor("alice").build(),
            signal("z").at(T0.plusSeconds(9)).actor("alice").pod("shop/web").build());
    harness.send(signals.toArray(Signal[]::new));
    Map<String, Incident> first = harness.latest();

    harness.close();
    harness = new CorrelationHarness();
    harness.send(signals.toArray(Signal[]::new));

    assertThat(harness.latest()).isEqualTo(first);
  }

  private String open(io.palisade.correlation.support.TestSignals signal) {
    Incident incident = only(harness.send(signal.build()));
    assertThat(incident.getVersion()).isEqualTo(1);
    return incident.getId();
  }

  private static Incident only(List<TestRecord<String, Incident>> records) {
    assertThat(records).hasSize(1);
    return records.get(0).value();
  }

  private static Incident last(List<TestRecord<String, Incident>> records) {
    assertThat(records).isNotEmpty();
    return records.get(records.size() - 1).value();
  }

  private static List<String> keys(KeyValueStore<String, IncidentState> store) {
    List<String> keys = new ArrayList<>();
    try (var all = store.all()) {
      all.forEachRemaining((KeyValue<String, IncidentState> kv) -> keys.add(kv.key));
    }
    return keys;
  }
}
