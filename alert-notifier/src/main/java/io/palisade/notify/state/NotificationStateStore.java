package io.palisade.notify.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What was last sent for which incident to which receiver, kept in a compacted Kafka topic (key
 * {@code <incident id>/<receiver>}, value {@link LastSent} as JSON) so that a restart, a rebalance
 * or another replica taking over a partition does not send again what was sent. The whole topic is
 * read at start and again before newly assigned incident partitions are processed; writes go to the
 * in-memory view at once and to Kafka before the incident offsets are committed.
 *
 * <p>Not thread-safe: used by the delivery loop's thread only.
 */
public final class NotificationStateStore implements AutoCloseable {

  static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(NotificationStateStore.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String topic;
  private final Consumer<byte[], byte[]> reader;
  private final Producer<byte[], byte[]> writer;
  private final Map<String, LastSent> state = new HashMap<>();

  public NotificationStateStore(
      String topic, Consumer<byte[], byte[]> reader, Producer<byte[], byte[]> writer) {
    this.topic = topic;
    this.reader = reader;
    this.writer = writer;
  }

  /**
   * Creates the compacted state topic unless it exists (partitions and replicas: broker defaults).
   */
  public static void ensureTopic(Admin admin, String topic) throws InterruptedException {
    NewTopic newTopic =
        new NewTopic(topic, Optional.empty(), Optional.empty())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(newTopic)).all().get();
      log.info("created the notification-state topic {}", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create the notification-state topic " + topic + ": " + e.getCause(), e);
      }
    }
  }

  /** Reads the topic up to its current end, so that every replica's writes so far are known. */
  public void catchUp() {
    List<PartitionInfo> partitions = reader.partitionsFor(topic, CATCH_UP_TIMEOUT);
    List<TopicPartition> assigned =
        partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    if (!reader.assignment().containsAll(assigned)) {
      reader.assign(assigned);
      reader.seekToBeginning(assigned);
    }
    Map<TopicPartition, Long> end = reader.endOffsets(assigned, CATCH_UP_TIMEOUT);
    long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
    int read = 0;
    while (!caughtUp(end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "could not read the notification-state topic " + topic + " to its end in time");
      }
      for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
        apply(record);
        read++;
      }
    }
    log.debug("notification state caught up: {} records read, {} entries", read, state.size());
  }

  private boolean caughtUp(Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(entry -> reader.position(entry.getKey()) >= entry.getValue());
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    String key = new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      state.remove(key);
      return;
    }
    try {
      state.put(key, JSON.readValue(record.value(), LastSent.class));
    } catch (RuntimeException e) {
      // a record this version cannot read: treated as unknown (the incident may be sent again)
      log.warn("unreadable notification state for {}: {}", key, e.toString());
    }
  }

  public Optional<LastSent> get(String incidentId, String receiver) {
    return Optional.ofNullable(state.get(key(incidentId, receiver)));
  }

  /** The open incidents last sent to {@code receiver}: incident id → what was sent. */
  public Map<String, LastSent> openFor(String receiver) {
    String suffix = "/" + receiver;
    Map<String, LastSent> open = new HashMap<>();
    state.forEach(
        (key, sent) -> {
          if (key.endsWith(suffix) && !sent.closed()) {
            open.put(key.substring(0, key.length() - suffix.length()), sent);
          }
        });
    return open;
  }

  /** Remembers a delivery at once, and writes it to Kafka (flushed by {@link #flush()}). */
  public void remember(String incidentId, String receiver, LastSent sent) {
    String key = key(incidentId, receiver);
    state.put(key, sent);
    writer.send(
        new ProducerRecord<>(
            topic,
            null,
            sent.sentAt().toEpochMilli(),
            key.getBytes(StandardCharsets.UTF_8),
            JSON.writeValueAsBytes(sent)),
        (metadata, error) -> {
          if (error != null) {
            log.warn("could not write the notification state of {}: {}", key, error.toString());
          }
        });
  }

  /** Waits until every state written so far is acknowledged. */
  public void flush() {
    writer.flush();
  }

  int size() {
    return state.size();
  }

  private static String key(String incidentId, String receiver) {
    return incidentId + "/" + receiver;
  }

  @Override
  public void close() {
    try {
      writer.close(Duration.ofSeconds(5));
    } finally {
      reader.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }
}
