package io.palisade.correlation.deadletter;

import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes dead letters to the dead-letter topic through one idempotent producer shared by all stream
 * threads. It is outside the Streams transaction, so a record re-read after a crash can be
 * dead-lettered twice; both copies carry the same CloudEvents id.
 */
public final class KafkaDeadLetterSink implements DeadLetterSink, AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final Topic<byte[], byte[]> topic;
  private final String cluster;
  private final Duration timeout;

  /**
   * @param cluster the cluster of the CloudEvents source of every dead letter
   */
  public KafkaDeadLetterSink(
      String bootstrapServers,
      String clientId,
      Topic<byte[], byte[]> topic,
      String cluster,
      Duration timeout) {
    this(bootstrapServers, clientId, topic, cluster, timeout, Map.of());
  }

  /**
   * @param clientSettings extra producer settings (TLS, SASL, …); the sink's own delivery settings
   *     win over them
   */
  public KafkaDeadLetterSink(
      String bootstrapServers,
      String clientId,
      Topic<byte[], byte[]> topic,
      String cluster,
      Duration timeout,
      Map<String, String> clientSettings) {
    this.topic = topic;
    this.cluster = cluster;
    this.timeout = timeout;
    Map<String, Object> settings = new HashMap<>(clientSettings);
    settings.putAll(
        Map.ofEntries(
            Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            Map.entry(ProducerConfig.CLIENT_ID_CONFIG, clientId),
            Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
            Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            Map.entry(ProducerConfig.LINGER_MS_CONFIG, 0),
            // the delivery timeout must cover linger + a request: leave room for one retry
            Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()),
            Map.entry(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.dividedBy(2).toMillis()),
            Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis())));
    this.producer =
        new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void accept(DeadLetter letter) {
    try {
      producer
          .send(letter.toProducerRecord(topic, cluster))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while writing a dead letter to " + topic.name(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("cannot write a dead letter to " + topic.name(), e);
    }
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
