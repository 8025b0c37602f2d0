package io.palisade.benchmarks.jmh;

import io.palisade.benchmarks.workload.CapturingPublisher;
import io.palisade.benchmarks.workload.EvidenceRecords;
import io.palisade.benchmarks.workload.FalcoWorkload;
import io.palisade.benchmarks.workload.FalcoWorkload.FalcoPipeline;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The runtime-ingester's CPU cost per Falco alert (one alert per request, the real alerts the load
 * harness sends, in turn): {@code parseNormalizeEncode} (JSON, {@code RuntimeAlert} with its id
 * hash, key, CloudEvent, Avro record) and {@code parseNormalizePublish} (the same through {@code
 * EvidencePublisher.publishAll} into Kafka's {@code MockProducer}). Scores are µs per alert.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FalcoIntakeBenchmark {

  /** Every sample alert many times over, each under its own time, as the harness sends them. */
  private static final int ALERTS = 1024;

  private static final String CLUSTER = "default";

  private List<byte[]> alerts;
  private FalcoPipeline pipeline;
  private CapturingPublisher capture;
  private Instant ingestTime;
  private int next;

  @Setup
  public void setUp() {
    alerts = FalcoWorkload.bodies(ALERTS);
    pipeline = new FalcoPipeline();
    capture = new CapturingPublisher();
    ingestTime = Instant.now();
  }

  private byte[] nextAlert() {
    byte[] alert = alerts.get(next);
    next = (next + 1) % alerts.size();
    return alert;
  }

  @Benchmark
  public ProducerRecord<byte[], byte[]> parseNormalizeEncode() {
    return EvidenceRecords.of(
        pipeline.topic(), pipeline.evidence(nextAlert(), CLUSTER, ingestTime));
  }

  @Benchmark
  public int parseNormalizePublish() {
    capture
        .publisher()
        .publishAll(pipeline.topic(), List.of(pipeline.evidence(nextAlert(), CLUSTER, ingestTime)));
    int published = capture.size();
    capture.clear();
    return published;
  }
}
