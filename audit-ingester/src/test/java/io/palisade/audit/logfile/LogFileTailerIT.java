package io.palisade.audit.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.EvidencePublisher;
import io.palisade.schemas.CloudEvent;
import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.testkit.KafkaBrokerExtension;
import io.palisade.testkit.TopicReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The plain tailer against a real broker, in real time, with real rotation and a restart. */
@ExtendWith(KafkaBrokerExtension.class)
class LogFileTailerIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final JsonMapper json = JsonMapper.builder().build();
  private final PalisadeTopics topics = UniqueTopics.named("logfile-tailer-it");
  private EvidencePublisher publisher;
  private TopicReader<String, AuditEvent> reader;
  private AuditLog log;
  private Path checkpointPath;

  @BeforeEach
  void connect() {
    KafkaBrokerExtension.createTopics(topics, 2);
    publisher =
        EvidencePublisher.connect(
            KafkaBrokerExtension.bootstrapServers(),
            "logfile-tailer-it",
            // long enough that a slow (shared, busy) machine does not time a publish out: a
            // timed-out batch is sent again, and this test counts duplicates
            Duration.ofSeconds(30),
            Map.of());
    reader = new TopicReader<>(KafkaBrokerExtension.bootstrapServers(), topics.audit());
    log = new AuditLog(dir.resolve("audit.log"));
    checkpointPath = dir.resolve("checkpoint").resolve("audit.json");
  }

  @AfterEach
  void close() {
    reader.close();
    publisher.close();
  }

  @Test
  void publishesEveryLineOnceThroughRotationsAndARestart() throws IOException {
    log.appendEvents(1, 40);
    LogFileTailerLifecycle first = start();
    awaitAtLeast(20);

    log.appendEvents(41, 60);
    log.rotate("audit-2026-03-01T12-00-00.000.log"); // in the middle of writing
    log.appendEvents(61, 100);
    awaitAtLeast(80);
    first.stop();

    log.appendEvents(101, 120); // while no tailer runs
    log.rotate("audit-2026-03-01T12-05-00.000.log");
    log.appendEvents(121, 150);
    LogFileTailerLifecycle second = start();
    List<ConsumerRecord<String, AuditEvent>> records = awaitIds(150);
    second.stop();

    List<String> ids = records.stream().map(r -> r.value().getId()).toList();
    assertThat(ids).hasSize(150).doesNotHaveDuplicates();
    for (ConsumerRecord<String, AuditEvent> record : records) {
      AuditEvent event = record.value();
      CloudEvent cloudEvent = CloudEventHeaders.read(record.headers()).orElseThrow();
      assertThat(cloudEvent.id()).isEqualTo(event.getId());
      assertThat(cloudEvent.type()).isEqualTo(topics.audit().eventType());
      assertThat(event.getIntakeFormat()).isEqualTo("logfile");
      assertThat(event.getCluster()).isEqualTo("it-logfile");
      assertThat(record.key()).isEqualTo("it-logfile/shop/pods/" + event.getObjectRef().getName());
    }
    Checkpoint checkpoint = new CheckpointStore(checkpointPath, json).load().orElseThrow();
    assertThat(checkpoint.offset()).isEqualTo(log.size());
  }

  private LogFileTailerLifecycle start() {
    WakeableSleeper sleeper = new WakeableSleeper();
    LogFileTailer tailer =
        new LogFileTailer(
            new LogFileTailer.Settings(
                log.path(),
                Duration.ofMillis(20),
                25,
                Duration.ofMillis(20),
                1024 * 1024,
                Duration.ofSeconds(1)),
            new CheckpointStore(checkpointPath, json),
            new AuditLineParser(
                json,
                new AuditEventNormalizer(new AuditRedactor(), json),
                io.palisade.audit.filter.NoiseFilter.none(),
                "it-logfile",
                topics.audit().eventType()),
            BatchPublisher.to(publisher, topics.audit()),
            RejectedLineSink.NONE,
            new LogFileMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC(),
            sleeper);
    LogFileTailerLifecycle lifecycle =
        new LogFileTailerLifecycle(tailer, sleeper, Duration.ofSeconds(10));
    lifecycle.start();
    return lifecycle;
  }

  private void awaitAtLeast(int count) {
    reader.awaitRecords(records -> records.size() >= count, WAIT);
  }

  private List<ConsumerRecord<String, AuditEvent>> awaitIds(int upTo) {
    List<String> expected = IntStream.rangeClosed(1, upTo).mapToObj(AuditLog::idOf).toList();
    return reader.awaitRecords(
        records -> {
          Set<String> seen = new HashSet<>();
          records.forEach(r -> seen.add(r.value().getId()));
          return seen.containsAll(expected);
        },
        WAIT);
  }
}
