package io.palisade.correlation.scenarios;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.correlation.correlate.CorrelationSettings;
import io.palisade.correlation.correlate.IncidentTopology;
import io.palisade.correlation.detect.BuiltInRulePack;
import io.palisade.correlation.detect.DetectionSettings;
import io.palisade.correlation.detect.DetectionTopology;
import io.palisade.correlation.detect.Detections;
import io.palisade.correlation.detect.SigmaRules;
import io.palisade.correlation.support.StreamsTestConfig;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Both stages as the service runs them, in one {@link TopologyTestDriver}: detection with the
 * built-in Sigma pack (the Java rules the pack replaces switched off, as by default) and default
 * detection settings, then correlation with default settings. Evidence is piped in event-time order
 * with the driver's wall clock following event time; afterwards the wall clock moves past the
 * repeat window so that held repeats come out.
 */
final class ScenarioPipeline {

  /** The Java rules the pack replaces one for one, off by default (DetectionProperties). */
  private static final List<String> REPLACED_BY_THE_PACK =
      List.of(
          "audit.cluster-admin-binding",
          "audit.pod-exec",
          "audit.privileged-pod",
          "admission.privileged-pod",
          "runtime.falco-alert");

  /** Past the repeat window plus one wall-clock punctuation interval (10 s). */
  private static final Duration FLUSH =
      DetectionSettings.DEFAULT_REPEAT_WINDOW.plus(Duration.ofSeconds(11));

  /**
   * The wall clock follows event time in steps of the detection's wall-clock punctuation interval:
   * finer steps change nothing but cost a commit each.
   */
  private static final Duration CLOCK_STEP = Duration.ofSeconds(10);

  private static final SigmaRules RULES =
      new SigmaRules(
          BuiltInRulePack.read(ScenarioPipeline.class.getClassLoader()),
          List.of(),
          new SimpleMeterRegistry());

  private ScenarioPipeline() {}

  /** What the pipeline made of some evidence. */
  record Outcome(List<Signal> signals, Map<String, Incident> latest) {

    /** The latest version of every incident that was not merged into another. */
    List<Incident> incidents() {
      return latest.values().stream().filter(i -> i.getStatus() != IncidentStatus.MERGED).toList();
    }

    List<Incident> aboveLow() {
      return incidents().stream().filter(i -> i.getSeverity().compareTo(Severity.LOW) > 0).toList();
    }
  }

  static Outcome run(List<ScenarioEvidence> evidence) {
    PalisadeTopics topics = PalisadeTopics.withDefaultNames();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    StreamsBuilder builder = new StreamsBuilder();
    DetectionTopology.build(
        builder,
        new DetectionTopology(
            topics,
            Detections.standard().without(REPLACED_BY_THE_PACK),
            RULES,
            DetectionSettings.defaults(),
            null,
            meters));
    IncidentTopology.build(builder, topics, CorrelationSettings.defaults());
    Instant start = evidence.get(0).time();
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), properties(), start)) {
      TestInputTopic<String, AuditEvent> audit = input(driver, topics.audit());
      TestInputTopic<String, AdmissionDecision> admission = input(driver, topics.admission());
      TestInputTopic<String, RuntimeAlert> runtime = input(driver, topics.runtime());
      TestOutputTopic<String, Signal> signals =
          driver.createOutputTopic(
              topics.signals().name(),
              topics.signals().keySerde().deserializer(),
              topics.signals().valueSerde().deserializer());
      TestOutputTopic<String, Incident> incidents =
          driver.createOutputTopic(
              topics.incidents().name(),
              topics.incidents().keySerde().deserializer(),
              topics.incidents().valueSerde().deserializer());
      Instant clock = start;
      for (ScenarioEvidence record : evidence) {
        if (!record.time().isBefore(clock.plus(CLOCK_STEP))) {
          driver.advanceWallClockTime(Duration.between(clock, record.time()));
          clock = record.time();
        }
        switch (record.source()) {
          case AUDIT -> audit.pipeInput(record.id(), (AuditEvent) record.record(), record.time());
          case ADMISSION ->
              admission.pipeInput(record.id(), (AdmissionDecision) record.record(), record.time());
          case RUNTIME ->
              runtime.pipeInput(record.id(), (RuntimeAlert) record.record(), record.time());
          default -> throw new IllegalStateException("unexpected source " + record.source());
        }
      }
      driver.advanceWallClockTime(FLUSH);
      Map<String, Incident> latest = new LinkedHashMap<>();
      incidents.readRecordsToList().forEach(r -> latest.put(r.key(), r.value()));
      return new Outcome(signals.readValuesToList(), latest);
    }
  }

  /**
   * The test configuration, with the state directory in memory when the machine has {@code
   * /dev/shm}: Kafka Streams syncs its checkpoint files to disk at every commit, and the driver
   * commits after every record, so on disk a few hundred records cost tens of seconds.
   */
  private static Properties properties() {
    Properties properties = StreamsTestConfig.properties("scenario");
    Path memory = Path.of("/dev/shm");
    if (Files.isDirectory(memory) && Files.isWritable(memory)) {
      try {
        Path dir = Files.createTempDirectory(memory, "palisade-scenario-");
        dir.toFile().deleteOnExit();
        properties.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
      } catch (IOException e) {
        // keep the directory StreamsTestConfig chose
      }
    }
    return properties;
  }

  private static <V> TestInputTopic<String, V> input(
      TopologyTestDriver driver, Topic<String, V> topic) {
    return driver.createInputTopic(
        topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
  }
}
