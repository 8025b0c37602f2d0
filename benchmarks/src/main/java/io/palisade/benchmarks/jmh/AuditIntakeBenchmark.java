package io.palisade.benchmarks.jmh;

import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.avro.AuditEvent;
import io.palisade.benchmarks.workload.AuditWorkload;
import io.palisade.benchmarks.workload.AuditWorkload.AuditPipeline;
import io.palisade.benchmarks.workload.CapturingPublisher;
import io.palisade.benchmarks.workload.EvidenceRecords;
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

/**
 * The audit-ingester's CPU cost per {@code EventList} of {@code batchSize} real events (the same
 * bodies the load harness sends), stage by stage, so that the differences show where the time goes:
 * {@code parse} (JSON to tree), {@code parseNormalize} (+ redaction and {@code AuditEvent}, with
 * request and response objects written back as compact JSON), {@code parseNormalizeEncode} (+ key,
 * CloudEvent and Avro encoding: the Kafka record), and {@code parseNormalizePublish} (the same
 * through {@code EvidencePublisher.publishAll} into Kafka's {@code MockProducer}: everything the
 * webhook does per batch except HTTP and the network). Scores are µs per batch; events/s =
 * batchSize / score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AuditIntakeBenchmark {

  private static final String CLUSTER = "default";

  @Param("400")
  public int batchSize;

  private byte[] body;
  private AuditPipeline pipeline;
  private CapturingPublisher capture;
  private Instant ingestTime;

  @Setup
  public void setUp() {
    body = AuditWorkload.bodies(batchSize, 1, 20260101L).get(0);
    pipeline = new AuditPipeline();
    capture = new CapturingPublisher();
    ingestTime = Instant.now();
  }

  @Benchmark
  public List<JsonNode> parse() {
    return pipeline.parse(body);
  }

  @Benchmark
  public void parseNormalize(Blackhole blackhole) {
    List<JsonNode> events = pipeline.parse(body);
    for (int i = 0; i < events.size(); i++) {
      blackhole.consume(pipeline.normalize(events.get(i), i, CLUSTER, ingestTime));
    }
  }

  @Benchmark
  public void parseNormalizeEncode(Blackhole blackhole) {
    List<JsonNode> events = pipeline.parse(body);
    for (int i = 0; i < events.size(); i++) {
      AuditEvent event = pipeline.normalize(events.get(i), i, CLUSTER, ingestTime);
      blackhole.consume(
          EvidenceRecords.of(
              pipeline.topic(), AuditEvidence.of(event, pipeline.topic().eventType())));
    }
  }

  @Benchmark
  public int parseNormalizePublish() {
    capture.publisher().publishAll(pipeline.topic(), pipeline.evidence(body, CLUSTER, ingestTime));
    int published = capture.size();
    capture.clear();
    return published;
  }
}
