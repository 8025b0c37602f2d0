package io.palisade.benchmarks.load;

import io.palisade.intake.EvidencePublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The yardstick: a plain {@link KafkaProducer} with the intake's settings sending already
 * serialised records as fast as it can (asynchronously, no HTTP, no parsing, no encoding), so that
 * what it reaches is what Kafka itself allows on this machine.
 */
public final class RawProducerBaseline implements AutoCloseable {

  private final Producer<byte[], byte[]> producer;

  /** With the intake's settings as they are. */
  public RawProducerBaseline(String bootstrapServers) {
    this(bootstrapServers, Map.of());
  }

  /**
   * @param overrides producer settings that change the intake's, given to the intake too (e.g.
   *     {@code batch.size}), so that both sides keep the same settings
   */
  public RawProducerBaseline(String bootstrapServers, Map<String, String> overrides) {
    this.producer =
        new KafkaProducer<>(
            intakeProducerConfig(bootstrapServers, overrides),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /**
   * The producer settings of {@code EvidencePublisher#connect} with its default 4 s acknowledgement
   * timeout (acks=all, idempotent, linger 5 ms, lz4) and {@code overrides}, except that this
   * producer, which sends as fast as it can, may block up to 3 s when its buffer is full.
   */
  static Map<String, Object> intakeProducerConfig(
      String bootstrapServers, Map<String, String> overrides) {
    Map<String, Object> config =
        EvidencePublisher.producerConfig(
            bootstrapServers, "benchmark-raw-producer", Duration.ofSeconds(4), overrides);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
    return config;
  }

  /**
   * Sends the records in turn for {@code duration} or {@code maxRecords} records, whichever comes
   * first, and returns once every record sent has been acknowledged.
   */
  public ProducerResult phase(
      List<ProducerRecord<byte[], byte[]>> records, Duration duration, long maxRecords) {
    AtomicLong acked = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (long sent = 0; sent < maxRecords && System.nanoTime() < end; sent++) {
      ProducerRecord<byte[], byte[]> template = records.get((int) (sent % records.size()));
      long size = template.key().length + (long) template.value().length;
      producer.send(
          new ProducerRecord<>(
              template.topic(), null, template.key(), template.value(), template.headers()),
          (metadata, error) -> {
            if (error == null) {
              acked.incrementAndGet();
              bytes.addAndGet(size);
            } else {
              failed.incrementAndGet();
            }
          });
    }
    producer.flush();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new ProducerResult(acked.get(), bytes.get(), elapsed, failed.get());
  }

  @Override
  public void close() {
    producer.close();
  }
}
