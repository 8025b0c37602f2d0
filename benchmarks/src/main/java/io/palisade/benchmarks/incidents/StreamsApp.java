package io.palisade.benchmarks.incidents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * One Kafka Streams application as the correlation engine runs it (see {@code
 * correlation-engine.yml}): {@code processing.guarantee=exactly_once_v2}, {@code
 * commit.interval.ms=100}, replication factor of internal topics = the broker's default, one stream
 * thread, its own fresh state directory (deleted on close).
 */
final class StreamsApp implements AutoCloseable {

  /** The engine's commit interval ({@code palisade.streams.commit-interval-ms} default). */
  static final long COMMIT_INTERVAL_MS = 100;

  private final String applicationId;
  private final Path stateDir;
  private final KafkaStreams streams;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch running = new CountDownLatch(1);
  private volatile long runningAtNanos;
  private boolean closed;

  StreamsApp(Topology topology, String applicationId, String bootstrapServers) {
    this.applicationId = applicationId;
    try {
      this.stateDir = Files.createTempDirectory("palisade-bench-" + applicationId + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    this.streams = new KafkaStreams(topology, p);
    streams.setUncaughtExceptionHandler(
        e -> {
          failure.compareAndSet(null, e);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING && running.getCount() > 0) {
            runningAtNanos = System.nanoTime();
            running.countDown();
          }
        });
  }

  String applicationId() {
    return applicationId;
  }

  /** Starts the app and waits until it is RUNNING (its tasks assigned); returns that instant. */
  long startAndAwaitRunning(Duration timeout) {
    streams.start();
    try {
      if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            applicationId + " did not reach RUNNING within " + timeout + ": " + streams.state());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return runningAtNanos;
  }

  /**
   * CPU time so far of this app's stream threads (named {@code <application id>-…-StreamThread-n}),
   * the threads that run the topology; their producers' I/O threads and the broker are not in it.
   */
  long streamThreadCpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long nanos = 0;
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null
          && info.getThreadName().startsWith(applicationId + "-")
          && info.getThreadName().contains("-StreamThread-")) {
        nanos += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
      }
    }
    return nanos;
  }

  /** Throws if the app's stream thread died. */
  void check() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException(applicationId + " failed: " + t, t);
    }
  }

  /**
   * Waits until the app's committed offsets on {@code topic} reach the topic's end offsets and
   * returns the instant ({@link System#nanoTime}) that was seen, polling every few milliseconds.
   */
  long awaitCommittedToEnd(Admin admin, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, Long> end = endOffsets(admin, topic);
    while (true) {
      check();
      Map<TopicPartition, OffsetAndMetadata> committed;
      try {
        committed =
            admin
                .listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("cannot read the committed offsets of " + applicationId, e);
      }
      boolean done = true;
      for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
        OffsetAndMetadata at = committed.get(e.getKey());
        if (e.getValue() > 0 && (at == null || at.offset() < e.getValue())) {
          done = false;
          break;
        }
      }
      long now = System.nanoTime();
      if (done) {
        return now;
      }
      if (now > deadline) {
        throw new IllegalStateException(
            applicationId + " did not consume " + topic + " within " + timeout);
      }
      sleep(20);
    }
  }

  static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
    try {
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      partitions.forEach(
          p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
      return end;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the end offsets of " + topic, e);
    }
  }

  /** The app's task directories ({@code state.dir/<application id>/<task>}). */
  Path applicationStateDir() {
    return stateDir.resolve(applicationId);
  }

  /** Closes the app cleanly (flushing its stores) and keeps the state directory. */
  void stop() {
    if (!closed) {
      closed = true;
      streams.close(Duration.ofSeconds(30));
    }
  }

  @Override
  public void close() {
    stop();
    deleteRecursively(stateDir);
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing the run for
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
