package io.palisade.correlation.support;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentAction;
import io.palisade.avro.Signal;
import io.palisade.correlation.correlate.CorrelationSettings;
import io.palisade.correlation.correlate.IncidentTopology;
import io.palisade.schemas.PalisadeTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The correlation topology in a TopologyTestDriver; keeps every incident record it emitted. */
public final class CorrelationHarness implements AutoCloseable {

  public final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  public final TopologyTestDriver driver;
  private final TestInputTopic<String, Signal> signals;
  private final TestInputTopic<String, IncidentAction> actions;
  private final TestOutputTopic<String, Incident> incidents;
  private final List<TestRecord<String, Incident>> emitted = new ArrayList<>();

  public CorrelationHarness() {
    this(CorrelationSettings.defaults());
  }

  public CorrelationHarness(CorrelationSettings settings) {
    this(settings, StreamsTestConfig.properties("correlate-test"));
  }

  /** With in-memory stores (for floods: the driver flushes RocksDB after every record). */
  public static CorrelationHarness inMemory(CorrelationSettings settings) {
    return new CorrelationHarness(settings, true);
  }

  private CorrelationHarness(CorrelationSettings settings, boolean inMemory) {
    this(settings, StreamsTestConfig.properties("correlate-test"), inMemory);
  }

  public CorrelationHarness(CorrelationSettings settings, Properties streamsProperties) {
    this(settings, streamsProperties, false);
  }

  private CorrelationHarness(
      CorrelationSettings settings, Properties streamsProperties, boolean inMemory) {
    StreamsBuilder builder = new StreamsBuilder();
    IncidentTopology topology = new IncidentTopology(topics, settings);
    (inMemory ? topology.inMemory() : topology).buildInto(builder);
    driver =
        new TopologyTestDriver(builder.build(), streamsProperties, StreamsTestConfig.WALL_CLOCK);
    signals =
        driver.createInputTopic(
            topics.signals().name(),
            topics.signals().keySerde().serializer(),
            topics.signals().valueSerde().serializer());
    actions =
        driver.createInputTopic(
            topics.incidentActions().name(),
            topics.incidentActions().keySerde().serializer(),
            topics.incidentActions().valueSerde().serializer());
    incidents =
        driver.createOutputTopic(
            topics.incidents().name(),
            topics.incidents().keySerde().deserializer(),
            topics.incidents().valueSerde().deserializer());
  }

  /** Sends signals keyed by cluster, as the detection stage writes them. */
  public List<TestRecord<String, Incident>> send(Signal... batch) {
    for (Signal signal : batch) {
      signals.pipeInput(signal.getCluster(), signal);
    }
    return collect();
  }

  /** Sends analysts' actions keyed by cluster, timestamped with the action's time. */
  public List<TestRecord<String, Incident>> act(IncidentAction... batch) {
    for (IncidentAction action : batch) {
      actions.pipeInput(action.getCluster(), action, action.getTime());
    }
    return collect();
  }

  /**
   * Advances the driver's wall clock (wall-clock punctuators run) and returns what they emitted.
   */
  public List<TestRecord<String, Incident>> advanceWallClock(Duration by) {
    driver.advanceWallClockTime(by);
    return collect();
  }

  /** The incident records emitted since the last call, kept in {@link #emitted()} too. */
  public List<TestRecord<String, Incident>> collect() {
    List<TestRecord<String, Incident>> fresh = incidents.readRecordsToList();
    emitted.addAll(fresh);
    return fresh;
  }

  public List<TestRecord<String, Incident>> emitted() {
    return List.copyOf(emitted);
  }

  /** The latest version of every incident emitted so far, by id. */
  public Map<String, Incident> latest() {
    Map<String, Incident> latest = new LinkedHashMap<>();
    emitted.forEach(record -> latest.put(record.key(), record.value()));
    return latest;
  }

  @Override
  public void close() {
    driver.close();
  }
}
