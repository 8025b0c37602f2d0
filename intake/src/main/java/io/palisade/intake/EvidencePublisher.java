package io.palisade.intake;

import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes evidence to Palisade's topics with the CloudEvents headers, through one idempotent
 * {@code acks=all} producer shared by all topics. {@link #publishAll} returns only once Kafka has
 * acknowledged every record, or throws {@link PublishException} within the acknowledgement timeout.
 */
public final class EvidencePublisher implements AutoCloseable {

  private final Producer<byte[], byte[]> producer;
  private final Duration ackTimeout;

  public EvidencePublisher(Producer<byte[], byte[]> producer, Duration ackTimeout) {
    this.producer = producer;
    this.ackTimeout = ackTimeout;
  }

  /**
   * A publisher with Palisade's producer settings. {@code max.block.ms} stays below the ack timeout
   * so that an unreachable broker is reported, not waited on.
   */
  public static EvidencePublisher connect(
      String bootstrapServers,
      String clientId,
      Duration ackTimeout,
      Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(100, ackTimeout.toMillis() * 3 / 4));
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    config.putAll(overrides);
    return new EvidencePublisher(
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
        ackTimeout);
  }

  /** Publishes every record and waits until Kafka acknowledged all of them. */
  public <V> void publishAll(Topic<String, V> topic, List<Evidence<V>> batch) {
    publishAll(topic, batch, List.of());
  }

  /**
   * Publishes the accepted evidence and the dead letters of what was refused in the same request,
   * and waits until Kafka acknowledged all of them: one bad event never loses its neighbours, and
   * nothing is answered as accepted before it is durable.
   */
  public <V> void publishAll(
      Topic<String, V> topic,
      List<Evidence<V>> batch,
      List<ProducerRecord<byte[], byte[]>> deadLetters) {
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    List<CompletableFuture<Void>> acks = new ArrayList<>(batch.size() + deadLetters.size());
    for (Evidence<V> evidence : batch) {
      acks.add(send(topic, evidence));
    }
    for (ProducerRecord<byte[], byte[]> deadLetter : deadLetters) {
      acks.add(sendRaw(deadLetter));
    }
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new PublishException(
          "kafka-unavailable",
          "Kafka did not acknowledge "
              + batch.size()
              + " record(s) for "
              + topic.name()
              + " within "
              + ackTimeout,
          e);
    } catch (ExecutionException e) {
      throw new PublishException(
          "kafka-unavailable",
          "Kafka refused a record for " + topic.name() + ": " + e.getCause().getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException(
          "interrupted", "interrupted while publishing to " + topic.name(), e);
    }
  }

  /** Publishes one record; the future completes when Kafka acknowledged it. */
  public <V> CompletableFuture<Void> send(Topic<String, V> topic, Evidence<V> evidence) {
    byte[] key = topic.keySerde().serializer().serialize(topic.name(), evidence.key());
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), evidence.value());
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), key, value);
    CloudEventHeaders.write(record.headers(), evidence.event());
    return sendRaw(record);
  }

  /** Publishes a record that is already serialized, e.g. a {@code DeadLetter}'s. */
  public CompletableFuture<Void> sendRaw(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              ack.complete(null);
            } else {
              ack.completeExceptionally(error);
            }
          });
    } catch (KafkaException e) {
      // e.g. metadata not available within max.block.ms: the broker is unreachable
      ack.completeExceptionally(e);
    }
    return ack;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
