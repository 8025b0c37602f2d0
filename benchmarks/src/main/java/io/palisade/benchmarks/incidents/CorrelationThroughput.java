package io.palisade.benchmarks.incidents;

import io.palisade.avro.Signal;
import io.palisade.benchmarks.load.CpuMeter;
import io.palisade.correlation.correlate.CorrelationSettings;
import io.palisade.correlation.correlate.IncidentTopology;
import io.palisade.correlation.correlate.SignalEventTime;
import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.schemas.PalisadeTopics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Part 1: how many signals per second one correlation task (one partition of the signals topic, one
 * stream thread) works through. The signals topic (1 partition) is filled first; then, in turn, a
 * plain consumer reads it (read_committed, Avro decoding), a pass-through Kafka Streams app with
 * the engine's settings copies it to another topic, and the correlate topology ({@code
 * IncidentTopology.build}) consumes it; each rate is signals / (time from RUNNING to the last
 * offset committed), and the CPU time of the app's stream thread per signal gives the cost on one
 * core. (A {@code TopologyTestDriver} is no measure of it: the driver commits, and so flushes
 * RocksDB, after every record.)
 */
final class CorrelationThroughput {

  static final String PASS_THROUGH_TOPIC = "bench.signals-pass-through";

  private final int count;
  private final PrintStream progress;

  CorrelationThroughput(int count, PrintStream progress) {
    this.count = count;
    this.progress = progress;
  }

  /**
   * @param signals signals in the topic
   * @param signalBytes their serialised value bytes on average
   * @param consumerPerSecond plain consumer, records/s
   * @param passThroughPerSecond pass-through Streams app, records/s
   * @param correlatePerSecond correlate topology, signals/s
   * @param incidentVersions incident records the correlate app wrote
   * @param passThroughCpuMicros CPU time of the pass-through app's stream thread per record
   * @param correlateCpuMicros CPU time of the correlate app's stream thread per signal
   * @param cpu cores used (this JVM, other processes) per phase
   * @param timelineLimit the correlation settings' timeline limit
   */
  record Result(
      int signals,
      double signalBytes,
      double consumerPerSecond,
      double passThroughPerSecond,
      double correlatePerSecond,
      long incidentVersions,
      double passThroughCpuMicros,
      double correlateCpuMicros,
      Map<String, CpuMeter.CpuUse> cpu,
      int timelineLimit) {}

  Result run() {
    List<Signal> signals = SignalWorkload.mix(count, 20261128L);
    PalisadeTopics topics = PalisadeTopics.withDefaultNames();
    CorrelationSettings settings = CorrelationSettings.defaults();
    Map<String, CpuMeter.CpuUse> cpu = new HashMap<>();

    CpuMeter meter;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      List<NewTopic> newTopics = new ArrayList<>(topics.newTopics(1, (short) 1));
      newTopics.add(new NewTopic(PASS_THROUGH_TOPIC, 1, (short) 1));
      admin.createTopics(newTopics).all().get();
      progress.printf("[incidents] filling %s (1 partition)%n", topics.signals().name());
      double bytes = fill(broker.bootstrapServers(), topics, signals);

      meter = CpuMeter.start();
      double consumer = plainConsumer(broker.bootstrapServers(), topics);
      cpu.put("plain consumer", meter.stop());
      progress.printf("[incidents] plain consumer: %,.0f records/s%n", consumer);

      StreamsBuilder pass = new StreamsBuilder();
      pass.stream(
              topics.signals().name(),
              Consumed.with(topics.signals().keySerde(), topics.signals().valueSerde())
                  .withTimestampExtractor(new SignalEventTime()))
          .to(
              PASS_THROUGH_TOPIC,
              Produced.with(topics.signals().keySerde(), topics.signals().valueSerde()));
      meter = CpuMeter.start();
      double[] passThrough = consume(admin, broker, pass, "bench-pass-through", topics);
      cpu.put("pass-through", meter.stop());
      progress.printf("[incidents] pass-through Streams app: %,.0f records/s%n", passThrough[0]);

      StreamsBuilder correlate = new StreamsBuilder();
      IncidentTopology.build(correlate, topics, settings);
      meter = CpuMeter.start();
      double[] correlated = consume(admin, broker, correlate, "bench-correlate", topics);
      cpu.put("correlate", meter.stop());
      progress.printf("[incidents] correlate: %,.0f signals/s%n", correlated[0]);
      long versions = countRecords(broker.bootstrapServers(), topics.incidents().name());
      return new Result(
          signals.size(),
          bytes,
          consumer,
          passThrough[0],
          correlated[0],
          versions,
          passThrough[1],
          correlated[1],
          cpu,
          settings.timelineLimit());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create the topics", e);
    }
  }

  /** Writes the signals, keyed by cluster, timestamped by event time; their mean value size. */
  static double fill(String bootstrapServers, PalisadeTopics topics, List<Signal> signals) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    var serializer = topics.signals().valueSerde().serializer();
    long bytes = 0;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Signal signal : signals) {
        byte[] value = serializer.serialize(topics.signals().name(), signal);
        bytes += value.length;
        producer.send(
            new ProducerRecord<>(
                topics.signals().name(),
                null,
                signal.getEventTime().toEpochMilli(),
                signal.getCluster().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                value));
      }
      producer.flush();
    }
    return bytes / (double) signals.size();
  }

  /** Records/s of a plain read_committed consumer decoding every signal. */
  private double plainConsumer(String bootstrapServers, PalisadeTopics topics) {
    TopicPartition partition = new TopicPartition(topics.signals().name(), 0);
    try (KafkaConsumer<String, Signal> consumer =
        new KafkaConsumer<>(
            consumerConfig(bootstrapServers),
            new StringDeserializer(),
            topics.signals().valueSerde().deserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long t0 = System.nanoTime();
      long read = 0;
      long deadline = t0 + Duration.ofMinutes(2).toNanos();
      while (read < count && System.nanoTime() < deadline) {
        ConsumerRecords<String, Signal> records = consumer.poll(Duration.ofMillis(200));
        read += records.count();
      }
      if (read < count) {
        throw new IllegalStateException("the plain consumer read only " + read + " signals");
      }
      return read / ((System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * Runs the topology as its own app until it committed the whole signals topic; records/s and the
   * stream thread's CPU µs per record.
   */
  private double[] consume(
      Admin admin,
      EmbeddedKafkaBroker broker,
      StreamsBuilder builder,
      String applicationId,
      PalisadeTopics topics) {
    try (StreamsApp app =
        new StreamsApp(builder.build(), applicationId, broker.bootstrapServers())) {
      long running = app.startAndAwaitRunning(Duration.ofMinutes(1));
      long done = app.awaitCommittedToEnd(admin, topics.signals().name(), Duration.ofMinutes(3));
      return new double[] {
        count / ((done - running) / 1e9), app.streamThreadCpuNanos() / 1_000.0 / count
      };
    }
  }

  static Map<String, Object> consumerConfig(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  /** Records (not transaction markers) in a topic, read with read_committed. */
  static long countRecords(String bootstrapServers, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig(bootstrapServers),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long read = 0;
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (System.nanoTime() < deadline) {
        boolean atEnd = true;
        for (TopicPartition tp : partitions) {
          if (consumer.position(tp) < end.get(tp)) {
            atEnd = false;
          }
        }
        if (atEnd) {
          break;
        }
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      return read;
    }
  }
}
