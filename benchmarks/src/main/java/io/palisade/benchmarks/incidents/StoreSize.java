package io.palisade.benchmarks.incidents;

import io.palisade.avro.Incident;
import io.palisade.avro.IncidentStatus;
import io.palisade.avro.Signal;
import io.palisade.correlation.correlate.CorrelationSettings;
import io.palisade.correlation.correlate.IncidentTopology;
import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.schemas.PalisadeTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Part 3: what open incidents cost in state. The correlate app consumes {@code incidents ×
 * signalsPerIncident} signals making {@code incidents} separate open incidents; then, per store of
 * the app: the live data in its changelog (last value per key, tombstones dropped: what a restore
 * brings back), the changelog's bytes on the broker (before compaction), and, after a clean close,
 * the RocksDB files in the state directory.
 */
final class StoreSize {

  private final PrintStream progress;

  StoreSize(PrintStream progress) {
    this.progress = progress;
  }

  /**
   * @param store the store's name (its changelog is {@code <application id>-<store>-changelog})
   * @param liveEntries keys with a live value in the changelog
   * @param liveBytes their key + value bytes
   * @param changelogBytes bytes of the changelog's log on the broker (all versions, uncompacted)
   * @param rocksDbBytes every file of the store's RocksDB directory after a clean close
   * @param sstBytes of which SST files
   */
  record StoreBytes(
      String store,
      long liveEntries,
      long liveBytes,
      long changelogBytes,
      long rocksDbBytes,
      long sstBytes) {}

  /**
   * @param incidents incidents opened
   * @param signalsPerIncident signals in each
   * @param openIncidents incidents whose latest version on the incidents topic is OPEN
   * @param timelineLimit the settings' timeline limit
   * @param stores per store
   * @param incidentRecordBytes the latest incident records' value bytes on average
   */
  record Result(
      int incidents,
      int signalsPerIncident,
      long openIncidents,
      int timelineLimit,
      List<StoreBytes> stores,
      double incidentRecordBytes) {

    long total(ToLongFunction<StoreBytes> field) {
      return stores.stream().mapToLong(field).sum();
    }

    /** {@code bytes} per 1,000 open incidents. */
    double per1000(long bytes) {
      return bytes * 1_000.0 / incidents;
    }
  }

  Result run(int incidents, int signalsPerIncident) {
    PalisadeTopics topics = PalisadeTopics.withDefaultNames();
    CorrelationSettings settings = CorrelationSettings.defaults();
    List<Signal> signals = SignalWorkload.openIncidents(incidents, signalsPerIncident, 7L);
    progress.printf(
        "[incidents] store: %,d incidents × %d signals%n", incidents, signalsPerIncident);
    String applicationId = "palisade-correlate";
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(topics.newTopics(1, (short) 1)).all().get();
      CorrelationThroughput.fill(broker.bootstrapServers(), topics, signals);
      StreamsBuilder builder = new StreamsBuilder();
      IncidentTopology.build(builder, topics, settings);
      try (StreamsApp app =
          new StreamsApp(builder.build(), applicationId, broker.bootstrapServers())) {
        app.startAndAwaitRunning(Duration.ofMinutes(1));
        app.awaitCommittedToEnd(admin, topics.signals().name(), Duration.ofMinutes(3));
        app.stop();
        Map<String, long[]> disk = rocksDb(app.applicationStateDir());
        Map<String, Long> logBytes = changelogBytes(admin);
        List<StoreBytes> stores = new ArrayList<>();
        String prefix = applicationId + "-";
        for (String topic : new TreeMap<>(logBytes).keySet()) {
          if (!topic.startsWith(prefix) || !topic.endsWith("-changelog")) {
            continue;
          }
          String store = topic.substring(prefix.length(), topic.length() - "-changelog".length());
          long[] live = live(broker.bootstrapServers(), topic);
          long[] files = disk.getOrDefault(store, new long[2]);
          stores.add(
              new StoreBytes(store, live[0], live[1], logBytes.get(topic), files[0], files[1]));
        }
        double[] open = openIncidents(broker.bootstrapServers(), topics);
        return new Result(
            incidents,
            signalsPerIncident,
            (long) open[0],
            settings.timelineLimit(),
            stores,
            open[1]);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create the topics or describe the log dirs", e);
    }
  }

  /** Per store: all bytes and SST bytes under its directory in the app's task directories. */
  static Map<String, long[]> rocksDb(Path applicationDir) {
    Map<String, long[]> sizes = new HashMap<>();
    if (!Files.isDirectory(applicationDir)) {
      return sizes;
    }
    try (Stream<Path> files = Files.walk(applicationDir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Path relative = applicationDir.relativize(file);
        if (relative.getNameCount() < 3) {
          continue; // the task directory's own files (.lock, .checkpoint)
        }
        String first = relative.getName(1).toString();
        String store =
            first.equals("rocksdb") && relative.getNameCount() > 3
                ? relative.getName(2).toString()
                : first;
        long size = Files.size(file);
        long[] s = sizes.computeIfAbsent(store, k -> new long[2]);
        s[0] += size;
        if (file.getFileName().toString().endsWith(".sst")) {
          s[1] += size;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sizes;
  }

  /** Bytes on the broker per topic. */
  private static Map<String, Long> changelogBytes(Admin admin)
      throws InterruptedException, ExecutionException {
    Map<String, Long> bytes = new HashMap<>();
    Map<Integer, Map<String, LogDirDescription>> dirs =
        admin
            .describeLogDirs(
                admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList())
            .allDescriptions()
            .get();
    dirs.values()
        .forEach(
            byDir ->
                byDir
                    .values()
                    .forEach(
                        dir ->
                            dir.replicaInfos()
                                .forEach(
                                    (tp, info) ->
                                        bytes.merge(tp.topic(), info.size(), Long::sum))));
    return bytes;
  }

  /** Live entries and their key + value bytes in a changelog (last value per key wins). */
  private static long[] live(String bootstrapServers, String topic) {
    Map<ByteBuffer, Integer> latest = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            CorrelationThroughput.consumerConfig(bootstrapServers),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      readAll(
          consumer,
          topic,
          record -> {
            ByteBuffer key = ByteBuffer.wrap(record.key());
            if (record.value() == null) {
              latest.remove(key);
            } else {
              latest.put(key, record.key().length + record.value().length);
            }
          });
    }
    return new long[] {latest.size(), latest.values().stream().mapToLong(Integer::longValue).sum()};
  }

  /** Incidents whose latest version is OPEN, and the mean size of the latest versions. */
  private static double[] openIncidents(String bootstrapServers, PalisadeTopics topics) {
    Map<String, IncidentStatus> status = new HashMap<>();
    Map<String, Integer> size = new HashMap<>();
    var deserializer = topics.incidents().valueSerde().deserializer();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            CorrelationThroughput.consumerConfig(bootstrapServers),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      readAll(
          consumer,
          topics.incidents().name(),
          record -> {
            Incident incident = deserializer.deserialize(topics.incidents().name(), record.value());
            status.put(incident.getId(), incident.getStatus());
            size.put(incident.getId(), record.value().length);
          });
    }
    long open = status.values().stream().filter(s -> s == IncidentStatus.OPEN).count();
    double mean = size.values().stream().mapToInt(Integer::intValue).average().orElse(0);
    return new double[] {open, mean};
  }

  private static void readAll(
      KafkaConsumer<byte[], byte[]> consumer,
      String topic,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      boolean atEnd = true;
      for (TopicPartition tp : partitions) {
        if (consumer.position(tp) < end.get(tp)) {
          atEnd = false;
        }
      }
      if (atEnd) {
        return;
      }
      consumer.poll(Duration.ofMillis(200)).forEach(each);
    }
    throw new IllegalStateException("could not read " + topic + " to its end within a minute");
  }
}
