package io.palisade.notify.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How the notifier connects to Kafka.
 *
 * @param bootstrapServers the brokers
 * @param groupId the consumer group that owns the committed delivery progress
 * @param autoOffsetReset where a group without committed offsets starts: earliest or latest
 * @param consumerOverrides extra consumer settings (e.g. TLS/SASL), applied last
 * @param producerOverrides extra producer settings, applied last
 */
public record KafkaSettings(
    String bootstrapServers,
    String groupId,
    String autoOffsetReset,
    Map<String, String> consumerOverrides,
    Map<String, String> producerOverrides) {

  static final String CLIENT_ID = "palisade-alert-notifier";
  static final int DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(autoOffsetReset, "autoOffsetReset");
    consumerOverrides = consumerOverrides == null ? Map.of() : Map.copyOf(consumerOverrides);
    producerOverrides = producerOverrides == null ? Map.of() : Map.copyOf(producerOverrides);
  }

  /**
   * Manual commits after delivery, and read_committed because the correlation engine writes
   * incidents with exactly-once transactions: aborted versions must never be notified.
   */
  Map<String, Object> consumerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, DEFAULT_MAX_POLL_INTERVAL_MS);
    config.putAll(consumerOverrides);
    // the loop decodes values itself, so that an unreadable record can be dead-lettered
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  /**
   * The settings of one receiver's own delivery loop: consumer group {@code <group>.<receiver>}, so
   * that each receiver has its own progress and a slow or broken one never holds up the others;
   * client ids suffixed likewise (unless set explicitly).
   */
  public KafkaSettings forReceiver(String receiver) {
    Map<String, String> consumer = new HashMap<>(consumerOverrides);
    consumer.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-" + receiver);
    Map<String, String> producer = new HashMap<>(producerOverrides);
    producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-" + receiver);
    return new KafkaSettings(
        bootstrapServers, groupId + "." + receiver, autoOffsetReset, consumer, producer);
  }

  /**
   * For creating the notification-state topic: the bootstrap servers and the consumer's security.
   */
  public Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>(consumerOverrides);
    config
        .keySet()
        .removeIf(
            key ->
                !key.startsWith("security.")
                    && !key.startsWith("ssl.")
                    && !key.startsWith("sasl."));
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** The notification-state reader: no group (it assigns every partition), reads committed data. */
  public Map<String, Object> stateReaderConfig() {
    Map<String, Object> config = consumerConfig();
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID + "-state");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    return config;
  }

  public Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putAll(producerOverrides);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /**
   * How long the loop may work on polled records before it must poll again: half of {@code
   * max.poll.interval.ms}, so that slow receivers never get the consumer thrown out of its group.
   */
  Duration processingBudget() {
    Object configured = consumerConfig().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
    long interval = Long.parseLong(configured.toString());
    return Duration.ofMillis(Math.max(1, interval / 2));
  }
}
