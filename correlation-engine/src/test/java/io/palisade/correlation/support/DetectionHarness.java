package io.palisade.correlation.support;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Signal;
import io.palisade.correlation.deadletter.DeadLetterHandler;
import io.palisade.correlation.detect.DetectionTopology;
import io.palisade.correlation.detect.Detections;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.util.List;
import java.util.Properties;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The detection topology in a TopologyTestDriver, with the engine's dead-letter handler. */
public final class DetectionHarness implements AutoCloseable {

  public final PalisadeTopics topics = PalisadeTopics.withDefaultNames();
  public final RecordingDeadLetterSink deadLetters = new RecordingDeadLetterSink();
  private final TopologyTestDriver driver;
  public final TestInputTopic<String, AuditEvent> audit;
  public final TestInputTopic<String, AdmissionDecision> admission;
  public final TestInputTopic<String, RuntimeAlert> runtime;
  public final TestInputTopic<String, byte[]> rawAudit;
  private final TestOutputTopic<String, Signal> signals;

  public DetectionHarness() {
    this(Detections.standard());
  }

  public DetectionHarness(Detections detections) {
    this((topics, deadLetters) -> new DetectionTopology(topics, detections));
  }

  /** The topology the function builds over the harness's topics and dead-letter sink. */
  public DetectionHarness(
      BiFunction<PalisadeTopics, RecordingDeadLetterSink, DetectionTopology> topology) {
    StreamsBuilder builder = new StreamsBuilder();
    DetectionTopology.build(builder, topology.apply(topics, deadLetters));
    Properties properties = StreamsTestConfig.properties("detect-test");
    properties.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    properties.put(DeadLetterHandler.SINK_CONFIG, deadLetters);
    driver = new TopologyTestDriver(builder.build(), properties, StreamsTestConfig.WALL_CLOCK);
    audit = input(topics.audit());
    admission = input(topics.admission());
    runtime = input(topics.runtime());
    rawAudit =
        driver.createInputTopic(
            topics.audit().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    signals =
        driver.createOutputTopic(
            topics.signals().name(),
            topics.signals().keySerde().deserializer(),
            topics.signals().valueSerde().deserializer());
  }

  /** The signals for one audit event. */
  public List<TestRecord<String, Signal>> signalsFor(AuditEvent event) {
    audit.pipeInput(event.getId(), event);
    return signals();
  }

  public List<TestRecord<String, Signal>> signalsFor(AdmissionDecision decision) {
    admission.pipeInput(decision.getId(), decision);
    return signals();
  }

  public List<TestRecord<String, Signal>> signalsFor(RuntimeAlert alert) {
    runtime.pipeInput(alert.getId(), alert);
    return signals();
  }

  /** Every signal written since the last call. */
  public List<TestRecord<String, Signal>> signals() {
    return signals.readRecordsToList();
  }

  /** Moves the driver's wall clock (wall-clock punctuators run). */
  public void advanceWallClock(java.time.Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  @Override
  public void close() {
    driver.close();
  }
}
