package io.palisade.benchmarks.jmh;

import io.palisade.audit.webhook.EventListReader;
import io.palisade.benchmarks.workload.AuditWorkload;
import io.palisade.benchmarks.workload.AuditWorkload.AuditPipeline;
import io.palisade.benchmarks.workload.CapturingPublisher;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.json.IntakeJson;
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

/**
 * The audit-ingester's CPU cost per {@code EventList} of {@code batchSize} real events (the same
 * bodies the load harness sends). {@code read} is the webhook's own reader (the events as trees,
 * request and response objects kept as raw JSON text); {@code accept} is the whole {@code
 * AuditIntake}: read, normalise, redact, filter, key, CloudEvent, Avro, and {@code
 * EvidencePublisher.publishAll} into Kafka's {@code MockProducer}: everything the webhook does per
 * batch except HTTP and the network. Scores are µs per batch; events/s = batchSize / score.
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
  private EventListReader reader;
  private AuditPipeline pipeline;
  private CapturingPublisher capture;

  @Setup
  public void setUp() {
    body = AuditWorkload.bodies(batchSize, 1, 20260101L).get(0);
    reader =
        new EventListReader(
            IntakeJson.mapper(IntakeEndpointProperties.Limits.defaults()), batchSize);
    capture = new CapturingPublisher();
    pipeline = new AuditPipeline(capture.publisher());
  }

  @Benchmark
  public int read() {
    return reader.readEvents(body).size();
  }

  @Benchmark
  public int accept() {
    int accepted = pipeline.accept(body, CLUSTER);
    capture.clear();
    return accepted;
  }
}
