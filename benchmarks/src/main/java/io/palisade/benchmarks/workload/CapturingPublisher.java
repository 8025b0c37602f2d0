package io.palisade.benchmarks.workload;

import io.palisade.intake.EvidencePublisher;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An {@link EvidencePublisher} over Kafka's {@link MockProducer}: the intake code runs unchanged,
 * and the records it would have sent are kept (or dropped) instead of leaving the process.
 */
public final class CapturingPublisher {

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final EvidencePublisher publisher =
      new EvidencePublisher(producer, Duration.ofSeconds(5));

  public EvidencePublisher publisher() {
    return publisher;
  }

  /** The records published since the last {@link #clear}, in order. */
  public List<ProducerRecord<byte[], byte[]>> records() {
    return List.copyOf(producer.history());
  }

  /** How many records were published since the last {@link #clear}. */
  public int size() {
    return producer.history().size();
  }

  public void clear() {
    producer.clear();
  }
}
