package io.palisade.correlation.correlate;

import static io.palisade.correlation.support.TestIncidents.incident;
import static io.palisade.correlation.support.TestSignals.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.correlation.support.CorrelationHarness;
import io.palisade.correlation.support.StreamsTestConfig;
import io.palisade.schemas.PalisadeTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentViewTest {

  private static final Duration RETENTION = Duration.ofHours(6);
  private static final Instant T0 = Instant.parse("2026-02-01T07:00:00Z");

  private final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  private TopologyTestDriver driver;
  private TestInputTopic<String, Incident> changes;
  private TestOutputTopic<String, Incident> incidents;
  private KeyValueStore<String, Incident> view;

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    new IncidentView(topics.incidents().valueSerde(), RETENTION)
        .attach(
            builder.stream(
                "incident-changes",
                Consumed.with(topics.incidents().keySerde(), topics.incidents().valueSerde())))
        .to(
            topics.incidents().name(),
            Produced.with(topics.incidents().keySerde(), topics.incidents().valueSerde()));
    driver =
        new TopologyTestDriver(
            builder.build(),
            StreamsTestConfig.properties("view-test"),
            StreamsTestConfig.WALL_CLOCK);
    changes =
        driver.createInputTopic(
            "incident-changes",
            topics.incidents().keySerde().serializer(),
            topics.incidents().valueSerde().serializer());
    incidents =
        driver.createOutputTopic(
            topics.incidents().name(),
            topics.incidents().keySerde().deserializer(),
            topics.incidents().valueSerde().deserializer());
    view = driver.getKeyValueStore(IncidentView.STORE);
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void keepsTheLatestVersionOfEveryIncidentAndForwardsEveryChangeUnchanged() {
    Incident first = incident("i-1").lastSeen(T0).build();
    Incident second = incident("i-1").lastSeen(T0.plusSeconds(60)).version(2).build();
    Incident other = incident("i-2").lastSeen(T0).build();

    send(first);
    send(other);
    send(second);

    assertThat(incidents.readRecordsToList())
        .extracting(TestRecord::key, TestRecord::value)
        .containsExactly(tuple("i-1", first), tuple("i-2", other), tuple("i-1", second));
    assertThat(view.get("i-1")).isEqualTo(second);
    assertThat(view.get("i-2")).isEqualTo(other);
    assertThat(ids()).containsExactlyInAnyOrder("i-1", "i-2");
  }

  @Test
  void aTombstoneRemovesTheIncidentFromTheView() {
    send(incident("i-1").build());

    changes.pipeInput("i-1", null);

    assertThat(view.get("i-1")).isNull();
  }

  @Test
  void closedIncidentsGoAfterTheRetentionByWallClockOpenOnesStay() {
    send(incident("open").build());
    send(incident("resolved").status(IncidentStatus.RESOLVED).build());
    send(incident("merged").mergedInto("open").build());

    driver.advanceWallClockTime(RETENTION.minusMinutes(1));
    assertThat(ids()).containsExactlyInAnyOrder("open", "resolved", "merged");

    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(ids()).containsExactly("open");
  }

  @Test
  void closedIncidentsGoAfterTheRetentionByStreamTimeOnAReplay() {
    // a replay: the wall clock says the versions are new, their event times are old
    send(incident("resolved").status(IncidentStatus.RESOLVED).lastSeen(T0).build());
    send(incident("open").lastSeen(T0).build());

    send(incident("later").lastSeen(T0.plus(RETENTION).minusSeconds(60)).build());
    assertThat(ids()).contains("resolved");

    send(incident("much-later").lastSeen(T0.plus(RETENTION).plusSeconds(120)).build());
    assertThat(ids()).containsExactlyInAnyOrder("open", "later", "much-later");
  }

  @Test
  void theCorrelationTopologyKeepsWhatItEmitsInTheView() {
    try (CorrelationHarness harness = new CorrelationHarness()) {
      List<TestRecord<String, Incident>> out =
          harness.send(signal("falco-1").at(T0).pod("shop/web").build());

      KeyValueStore<String, Incident> correlated =
          harness.driver.getKeyValueStore(IncidentView.STORE);
      Incident emitted = out.get(out.size() - 1).value();
      assertThat(correlated.get(emitted.getId())).isEqualTo(emitted);
    }
  }

  @Test
  void refusesANonPositiveRetention() {
    assertThatThrownBy(() -> new IncidentView(topics.incidents().valueSerde(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("palisade.correlation.view-retention");
  }

  private void send(Incident incident) {
    changes.pipeInput(incident.getId(), incident, incident.getEventTime());
  }

  private List<String> ids() {
    try (KeyValueIterator<String, Incident> all = view.all()) {
      List<String> ids = new ArrayList<>();
      all.forEachRemaining(entry -> ids.add(entry.key));
      return ids;
    }
  }
}
