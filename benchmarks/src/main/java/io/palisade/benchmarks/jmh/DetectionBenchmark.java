package io.palisade.benchmarks.jmh;

import io.palisade.avro.AuditEvent;
import io.palisade.benchmarks.workload.DetectionWorkload;
import io.palisade.correlation.detect.SigmaAuditDetection;
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

/**
 * The correlation engine's Sigma detection of audit events with the full built-in rule pack, on one
 * thread (one core): per event, the JSON view the detection stage builds and the rules it matches
 * (the index narrows the rules an event meets; raw request objects are parsed only when a candidate
 * rule reads them). Events: {@link DetectionWorkload}, nine in ten benign reads. The score is µs
 * per batch of {@code batchSize} events; events/s per core = batchSize / score. Avro decoding and
 * Kafka Streams are not included (the intake benchmarks measure those costs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DetectionBenchmark {

  @Param("1000")
  public int batchSize;

  private SigmaAuditDetection detection;
  private List<AuditEvent> events;

  @Setup
  public void setUp() {
    detection = SigmaAuditDetection.builtInPack();
    events = DetectionWorkload.events(batchSize, 20261128L);
    if (detection.auditRules() < 50) {
      throw new IllegalStateException(
          "benchmark set-up is wrong: the built-in pack has only "
              + detection.auditRules()
              + " audit rules");
    }
  }

  @Benchmark
  public int auditEvents() {
    int matches = 0;
    for (AuditEvent event : events) {
      matches += detection.match(event).size();
    }
    return matches;
  }
}
