package io.palisade.testkit;

import io.palisade.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;

/**
 * Reads a typed topic from the beginning (read_committed) for assertions: {@code
 * reader.awaitRecords(r -> …, Duration)} polls until a condition on everything read so far holds.
 */
public final class TopicReader<K, V> implements AutoCloseable {

  private final KafkaConsumer<K, V> consumer;
  private final List<ConsumerRecord<K, V>> records = new CopyOnWriteArrayList<>();

  public TopicReader(String bootstrapServers, Topic<K, V> topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "testkit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer());
    consumer.subscribe(List.of(topic.name()));
  }

  /** Polls until {@code condition} holds for all records read so far, and returns them. */
  public List<ConsumerRecord<K, V>> awaitRecords(
      Predicate<List<ConsumerRecord<K, V>>> condition, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(records::add);
              return condition.test(List.copyOf(records));
            });
    return List.copyOf(records);
  }

  /** Polls until at least {@code count} records were read, and returns their values. */
  public List<V> awaitValues(int count, Duration timeout) {
    List<V> values = new ArrayList<>();
    awaitRecords(read -> read.size() >= count, timeout).forEach(r -> values.add(r.value()));
    return values;
  }

  /** Whatever was read so far. */
  public List<ConsumerRecord<K, V>> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
