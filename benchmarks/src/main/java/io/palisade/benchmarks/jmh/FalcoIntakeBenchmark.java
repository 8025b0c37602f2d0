package io.palisade.benchmarks.jmh;

import io.palisade.avro.RuntimeAlert;
import io.palisade.benchmarks.workload.CapturingPublisher;
import io.palisade.benchmarks.workload.EvidenceRecords;
import io.palisade.benchmarks.workload.FalcoWorkload;
import io.palisade.runtime.falco.FalcoAlertNormalizer;
import io.palisade.runtime.falco.FalcoAlertReader;
import io.palisade.runtime.falco.RuntimeEvidence;
import io.palisade.runtime.http.FalcoIntake;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.time.Clock;
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
 * hash, Avro record) and {@code intakeAccept} ({@code FalcoIntake.accept} with Kafka replaced by
 * {@code MockProducer}). Scores are µs per alert.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FalcoIntakeBenchmark {

  /** Every sample alert a few times over, as the harness sends them. */
  private static final int ALERTS = 1024;

  private List<byte[]> alerts;
  private FalcoAlertReader reader;
  private FalcoAlertNormalizer normalizer;
  private Topic<String, RuntimeAlert> topic;
  private CapturingPublisher capture;
  private FalcoIntake intake;
  private Instant ingestTime;
  private int next;

  @Setup
  public void setUp() {
    alerts = FalcoWorkload.bodies(ALERTS);
    reader = new FalcoAlertReader();
    normalizer = new FalcoAlertNormalizer();
    topic = PalisadeTopics.withDefaultNames().runtime();
    capture = new CapturingPublisher();
    intake = new FalcoIntake(normalizer, capture.publisher(), topic, "default", Clock.systemUTC());
    ingestTime = Instant.now();
  }

  private byte[] nextAlert() {
    byte[] alert = alerts.get(next);
    next = (next + 1) % alerts.size();
    return alert;
  }

  @Benchmark
  public ProducerRecord<byte[], byte[]> parseNormalizeEncode() {
    RuntimeAlert alert = normalizer.normalize(reader.read(nextAlert()), "default", ingestTime);
    return EvidenceRecords.of(topic, RuntimeEvidence.of(alert, topic.eventType()));
  }

  @Benchmark
  public RuntimeAlert intakeAccept() {
    RuntimeAlert alert = intake.accept(nextAlert());
    capture.clear();
    return alert;
  }
}
