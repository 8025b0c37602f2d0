package io.palisade.correlation.support;

import io.palisade.avro.Incident;
import io.palisade.avro.Signal;
import io.palisade.correlation.correlate.CorrelationSettings;
import io.palisade.correlation.correlate.IncidentTopology;
import io.palisade.schemas.PalisadeTopics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final TestOutputTopic<String, Incident> incidents;
  private final List<TestRecord<String, Incident>> emitted = new ArrayList<>();

  public CorrelationHarness() {
    this(CorrelationSettings.defaults());
  }

  public CorrelationHarness(CorrelationSettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    IncidentTopology.build(builder, topics, settings);
    driver =
        new TopologyTestDriver(
            builder.build(),
            StreamsTestConfig.properties("correlate-test"),
            StreamsTestConfig.WALL_CLOCK);
    signals =
        driver.createInputTopic(
            topics.signals().name(),
            topics.signals().keySerde().serializer(),
            topics.signals().valueSerde().serializer());
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
