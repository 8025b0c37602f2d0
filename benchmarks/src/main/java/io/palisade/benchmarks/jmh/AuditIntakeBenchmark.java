package io.palisade.benchmarks.jmh;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.audit.webhook.AuditIntake;
import io.palisade.audit.webhook.EventListReader;
import io.palisade.avro.AuditEvent;
import io.palisade.benchmarks.workload.AuditWorkload;
import io.palisade.benchmarks.workload.CapturingPublisher;
import io.palisade.benchmarks.workload.EvidenceRecords;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit-ingester's CPU cost per {@code EventList} of {@code batchSize} real events (the same
 * bodies the load harness sends), stage by stage, so that the differences show where the time goes:
 * {@code parse} (JSON to tree), {@code parseNormalize} (+ redaction and {@code AuditEvent}), {@code
 * parseNormalizeEncode} (+ key, CloudEvent and Avro encoding: the Kafka record), and {@code
 * intakeAccept} ({@code AuditIntake.accept} as the service runs it, with Kafka replaced by {@code
 * MockProducer}). Scores are µs per batch; events/s = batchSize / score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AuditIntakeBenchmark {

  @Param("400")
  public int batchSize;

  private byte[] body;
  private EventListReader reader;
  private AuditEventNormalizer normalizer;
  private Topic<String, AuditEvent> topic;
  private CapturingPublisher capture;
  private AuditIntake intake;
  private Instant ingestTime;

  @Setup
  public void setUp() {
    JsonMapper json = JsonMapper.builder().build();
    body = AuditWorkload.bodies(batchSize, 1, 20260101L).get(0);
    reader = new EventListReader(json, batchSize);
    normalizer = new AuditEventNormalizer(new AuditRedactor(), json);
    topic = PalisadeTopics.withDefaultNames().audit();
    capture = new CapturingPublisher();
    intake = new AuditIntake(reader, normalizer, capture.publisher(), topic, Clock.systemUTC());
    ingestTime = Instant.now();
  }

  @Benchmark
  public List<JsonNode> parse() {
    return reader.read(body);
  }

  @Benchmark
  public void parseNormalize(Blackhole blackhole) {
    List<JsonNode> events = reader.read(body);
    for (int i = 0; i < events.size(); i++) {
      blackhole.consume(normalizer.normalize(events.get(i), "items", "default", ingestTime));
    }
  }

  @Benchmark
  public void parseNormalizeEncode(Blackhole blackhole) {
    List<JsonNode> events = reader.read(body);
    for (int i = 0; i < events.size(); i++) {
      AuditEvent event = normalizer.normalize(events.get(i), "items", "default", ingestTime);
      blackhole.consume(EvidenceRecords.of(topic, AuditEvidence.of(event, topic.eventType())));
    }
  }

  @Benchmark
  public int intakeAccept() {
    int accepted = intake.accept(body, "default");
    capture.clear();
    return accepted;
  }
}
