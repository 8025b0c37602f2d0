package io.palisade.notify.silence;

import io.palisade.notify.routing.RoutingSubject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The silences, kept in a compacted Kafka topic (key = silence id, value = {@link Silence} as JSON,
 * a tombstone when deleted) that every replica tails on a thread of its own, so that all of them,
 * and every restart, see the same set. A change is acknowledged by Kafka before it is answered.
 */
public final class SilenceStore implements AutoCloseable {

  static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(SilenceStore.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String topic;
  private final Supplier<Consumer<byte[], byte[]>> readers;
  private final Supplier<Producer<byte[], byte[]>> writers;
  private final Clock clock;
  private Consumer<byte[], byte[]> reader;
  private volatile Producer<byte[], byte[]> writer;
  private final Map<String, Silence> silences = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread tail;
  private volatile boolean running = true;

  /**
   * @param readers makes the topic's reader; the Kafka clients are made only by {@link #start}, so
   *     that a notifier that consumes nothing does not connect to Kafka at all
   * @param writers makes the producer of silence changes
   */
  public SilenceStore(
      String topic,
      Supplier<Consumer<byte[], byte[]>> readers,
      Supplier<Producer<byte[], byte[]>> writers,
      Clock clock) {
    this.topic = topic;
    this.readers = readers;
    this.writers = writers;
    this.clock = clock;
    this.tail = new Thread(this::tail, "alert-notifier-silences");
    this.tail.setDaemon(true);
  }

  /** Starts tailing the topic and waits until every silence written so far is known. */
  public synchronized SilenceStore start(Duration timeout) throws InterruptedException {
    if (tail.getState() != Thread.State.NEW) {
      return this;
    }
    reader = readers.get();
    writer = writers.get();
    tail.start();
    if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("could not read the silences topic " + topic + " in time");
    }
    return this;
  }

  private void tail() {
    try {
      List<TopicPartition> partitions =
          reader.partitionsFor(topic, ACK_TIMEOUT).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions, ACK_TIMEOUT);
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(500))) {
          apply(record);
        }
        if (caughtUp.getCount() > 0
            && end.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue())) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("the silences reader stopped; silences change no more on this replica", e);
    } finally {
      reader.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    String id = new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      silences.remove(id);
      return;
    }
    try {
      silences.put(id, JSON.readValue(record.value(), Silence.class));
    } catch (RuntimeException e) {
      log.warn("unreadable silence {} ignored: {}", id, e.toString());
    }
  }

  /**
   * Stores a new silence (the id and creation time are given here).
   *
   * @throws IllegalArgumentException when it is invalid, listing every problem
   */
  public Silence create(Silence posted) throws InterruptedException {
    requireStarted();
    Silence silence =
        new Silence(
                UUID.randomUUID().toString(),
                posted.matchers(),
                posted.startsAt() == null ? clock.instant() : posted.startsAt(),
                posted.endsAt(),
                posted.author(),
                posted.comment(),
                clock.instant())
            .validated();
    write(silence.id(), JSON.writeValueAsBytes(silence));
    silences.put(silence.id(), silence);
    return silence;
  }

  /** Deletes a silence; false when there is none with that id. */
  public boolean delete(String id) throws InterruptedException {
    requireStarted();
    if (!silences.containsKey(id)) {
      return false;
    }
    write(id, null);
    silences.remove(id);
    return true;
  }

  /** Thrown when the store is used before {@link #start} (e.g. no receiver is configured). */
  public static final class NotStartedException extends IllegalStateException {
    NotStartedException() {
      super("silences are not available: the notifier is not consuming (no receiver configured)");
    }
  }

  private void requireStarted() {
    if (caughtUp.getCount() > 0) {
      throw new NotStartedException();
    }
  }

  private void write(String id, byte[] value) throws InterruptedException {
    try {
      writer
          .send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), value))
          .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not store the silence change: " + e, e);
    }
  }

  /** Every silence not deleted, expired ones included, newest first. */
  public List<Silence> all() {
    requireStarted();
    return silences.values().stream()
        .sorted(Comparator.comparing(Silence::createdAt).reversed())
        .toList();
  }

  /** The silence that silences {@code subject} now, if any. */
  public Optional<Silence> silencing(RoutingSubject subject, Instant now) {
    return silences.values().stream().filter(s -> s.silences(subject, now)).findFirst();
  }

  @Override
  public synchronized void close() {
    running = false;
    if (tail.isAlive()) {
      reader.wakeup();
      try {
        tail.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (writer != null) {
      writer.close(Duration.ofSeconds(5));
    }
  }
}
