package io.palisade.intake;

import io.palisade.schemas.CloudEventHeaders;
import io.palisade.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes evidence to Palisade's topics with the CloudEvents headers, through one idempotent
 * {@code acks=all} producer shared by all topics. {@link #publishAll} returns only once Kafka has
 * acknowledged every record, or throws {@link PublishException} within the acknowledgement timeout.
 * A record larger than the configured maximum is refused before anything of its request is sent
 * (413 {@code event-too-large}): Kafka would refuse it on every retry.
 */
public final class EvidencePublisher implements AutoCloseable {

  /** Header of a dead letter whose value was cut to fit: the original length in bytes. */
  public static final String TRUNCATED = "palisade.dlt.truncated";

  /** Room left for the key and headers of a dead letter whose value is cut. */
  private static final int DEAD_LETTER_HEADROOM = 64 * 1024;

  private final Producer<byte[], byte[]> producer;
  private final Duration ackTimeout;
  private final Duration maxBlock;
  private final long maxRecordBytes;
  private final IntakeMetrics metrics;

  public EvidencePublisher(Producer<byte[], byte[]> producer, Duration ackTimeout) {
    this(
        producer,
        ackTimeout,
        maxBlockFor(ackTimeout),
        Long.MAX_VALUE,
        IntakeMetrics.unregistered());
  }

  /**
   * @param maxBlock the producer's {@code max.block.ms}: how long one {@code send} may block
   *     (waiting for metadata or buffer space) while Kafka is unreachable
   * @param maxRecordBytes the largest serialized value published ({@code
   *     palisade.intake.limits.max-event-size})
   */
  public EvidencePublisher(
      Producer<byte[], byte[]> producer,
      Duration ackTimeout,
      Duration maxBlock,
      long maxRecordBytes,
      IntakeMetrics metrics) {
    this.producer = producer;
    this.ackTimeout = ackTimeout;
    this.maxBlock = maxBlock;
    this.maxRecordBytes = maxRecordBytes;
    this.metrics = metrics;
  }

  /**
   * A publisher with Palisade's producer settings. {@code max.block.ms} is a quarter of the ack
   * timeout, so that an unreachable broker is reported, not waited on.
   */
  public static EvidencePublisher connect(
      String bootstrapServers,
      String clientId,
      Duration ackTimeout,
      Map<String, Object> overrides) {
    return connect(
        bootstrapServers,
        clientId,
        ackTimeout,
        overrides,
        Long.MAX_VALUE,
        IntakeMetrics.unregistered());
  }

  /** As {@link #connect(String, String, Duration, Map)}, with a record size limit and metrics. */
  public static EvidencePublisher connect(
      String bootstrapServers,
      String clientId,
      Duration ackTimeout,
      Map<String, Object> overrides,
      long maxRecordBytes,
      IntakeMetrics metrics) {
    Map<String, Object> config = producerConfig(bootstrapServers, clientId, ackTimeout, overrides);
    Duration maxBlock =
        Duration.ofMillis(
            Long.parseLong(config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG).toString()));
    return new EvidencePublisher(
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
        ackTimeout,
        maxBlock,
        maxRecordBytes,
        metrics);
  }

  /**
   * The settings of the producer {@link #connect} makes: acks=all, idempotent, linger 5 ms, lz4,
   * blocking at most a quarter of the acknowledgement timeout, then {@code overrides}. Public so
   * that a benchmark's raw producer can use exactly these.
   */
  public static Map<String, Object> producerConfig(
      String bootstrapServers, String clientId, Duration ackTimeout, Map<String, ?> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockFor(ackTimeout).toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    config.putAll(overrides);
    return config;
  }

  private static Duration maxBlockFor(Duration ackTimeout) {
    return Duration.ofMillis(Math.max(100, ackTimeout.toMillis() / 4));
  }

  /** Publishes every record and waits until Kafka acknowledged all of them. */
  public <V> void publishAll(Topic<String, V> topic, List<Evidence<V>> batch) {
    publishAll(topic, batch, List.of());
  }

  /**
   * Publishes the accepted evidence and the dead letters of what was refused in the same request,
   * and waits until Kafka acknowledged all of them: one bad event never loses its neighbours, and
   * nothing is answered as accepted before it is durable.
   *
   * @throws RequestTooLargeException when a record is larger than the limit; nothing is sent
   * @throws PublishException when Kafka did not acknowledge everything in time
   */
  public <V> void publishAll(
      Topic<String, V> topic,
      List<Evidence<V>> batch,
      List<ProducerRecord<byte[], byte[]>> deadLetters) {
    publishAll(topic, batch, deadLetters, null);
  }

  /**
   * As {@link #publishAll(Topic, List, List)}, but an event larger than the limit is published as
   * the dead letter {@code oversized} makes of it (cut to fit), and its neighbours as usual.
   *
   * @param oversized makes the dead letter of an event that is too large; null to refuse the whole
   *     request instead ({@link RequestTooLargeException})
   * @return how many events of {@code batch} were published as events
   */
  public <V> int publishAll(
      Topic<String, V> topic,
      List<Evidence<V>> batch,
      List<ProducerRecord<byte[], byte[]>> deadLetters,
      OversizedEvent<V> oversized) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(batch.size());
    List<ProducerRecord<byte[], byte[]>> refused = new ArrayList<>(deadLetters);
    for (Evidence<V> evidence : batch) {
      ProducerRecord<byte[], byte[]> record = record(topic, evidence);
      if (record.value().length > maxRecordBytes) {
        String message =
            "event "
                + evidence.event().id()
                + " is "
                + record.value().length
                + " bytes as published; at most "
                + maxRecordBytes
                + " are accepted";
        if (oversized == null) {
          throw new RequestTooLargeException("event-too-large", message);
        }
        refused.add(oversized.deadLetter(evidence, record.value(), message));
      } else {
        records.add(record);
      }
    }
    publishRecords(topic, records, refused);
    return records.size();
  }

  /** Makes the dead letter of an event too large to publish. */
  @FunctionalInterface
  public interface OversizedEvent<V> {

    /**
     * @param evidence the event
     * @param value its serialized value, larger than the limit (the dead letter is cut to fit)
     * @param message why it was refused, with its size and the limit
     */
    ProducerRecord<byte[], byte[]> deadLetter(Evidence<V> evidence, byte[] value, String message);
  }

  private void publishRecords(
      Topic<String, ?> topic,
      List<ProducerRecord<byte[], byte[]>> records,
      List<ProducerRecord<byte[], byte[]>> deadLetters) {
    long start = System.nanoTime();
    long deadline = start + ackTimeout.toNanos();
    List<CompletableFuture<Void>> acks = new ArrayList<>(records.size() + deadLetters.size());
    List<ProducerRecord<byte[], byte[]>> all = new ArrayList<>(records);
    for (ProducerRecord<byte[], byte[]> deadLetter : deadLetters) {
      all.add(fitted(deadLetter));
    }
    for (ProducerRecord<byte[], byte[]> record : all) {
      // While Kafka is unreachable each send may block for max.block.ms: stop sending once the
      // next one could outlast the deadline, or once one has failed, so that the answer (503)
      // comes within the ack timeout however large the request.
      if (System.nanoTime() + maxBlock.toNanos() > deadline) {
        metrics.publishFailed(topic.name(), Duration.ofNanos(System.nanoTime() - start));
        throw new PublishException(
            "kafka-unavailable",
            "Kafka did not take the records for " + topic.name() + " within " + ackTimeout,
            null);
      }
      CompletableFuture<Void> ack = sendRaw(record);
      acks.add(ack);
      if (ack.isCompletedExceptionally()) {
        break; // the failure is reported below
      }
    }
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      metrics.published(topic.name(), records.size(), Duration.ofNanos(System.nanoTime() - start));
    } catch (TimeoutException e) {
      metrics.publishFailed(topic.name(), Duration.ofNanos(System.nanoTime() - start));
      throw new PublishException(
          "kafka-unavailable",
          "Kafka did not acknowledge "
              + acks.size()
              + " record(s) for "
              + topic.name()
              + " within "
              + ackTimeout,
          e);
    } catch (ExecutionException e) {
      metrics.publishFailed(topic.name(), Duration.ofNanos(System.nanoTime() - start));
      if (e.getCause() instanceof RecordTooLargeException tooLarge) {
        // refused for good: a retry would be refused again
        throw new RequestTooLargeException(
            "event-too-large",
            "Kafka refused a record for " + topic.name() + ": " + tooLarge.getMessage());
      }
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
    return sendRaw(record(topic, evidence));
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

  private static <V> ProducerRecord<byte[], byte[]> record(
      Topic<String, V> topic, Evidence<V> evidence) {
    byte[] key = topic.keySerde().serializer().serialize(topic.name(), evidence.key());
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), evidence.value());
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), key, value);
    CloudEventHeaders.write(record.headers(), evidence.event());
    return record;
  }

  /**
   * A dead letter keeps the bytes that were refused, which may be what was too large: it is cut to
   * fit (the headers still say where it came from and why), else Kafka would refuse the dead
   * letter, and with it the whole request, on every retry.
   */
  private ProducerRecord<byte[], byte[]> fitted(ProducerRecord<byte[], byte[]> deadLetter) {
    byte[] value = deadLetter.value();
    if (value == null || value.length <= maxRecordBytes) {
      return deadLetter;
    }
    int keep =
        (int) Math.max(0, Math.min(Integer.MAX_VALUE, maxRecordBytes - DEAD_LETTER_HEADROOM));
    ProducerRecord<byte[], byte[]> cut =
        new ProducerRecord<>(
            deadLetter.topic(),
            deadLetter.partition(),
            deadLetter.timestamp(),
            deadLetter.key(),
            Arrays.copyOf(value, keep),
            deadLetter.headers());
    cut.headers().add(TRUNCATED, Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
    return cut;
  }
}
