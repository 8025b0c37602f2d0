package io.palisade.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @Test
  void commitsTransactionsOnOneNodeAndListensOnLoopbackOnly() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start()) {
      assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
      createTopic(broker, "tx-topic");

      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  broker.bootstrapServers(),
                  ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                  "tx-1"),
              new StringSerializer(),
              new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx-topic", "k", "committed"));
        producer.commitTransaction();
      }

      assertThat(readAll(broker, "tx-topic")).containsExactly("committed");
      assertThat(listeningAddresses(broker.port())).containsOnly("127.0.0.1");
    }
  }

  @Test
  void keepsTopicsAndRecordsAcrossARestartOnTheSameDataDir(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).start()) {
      createTopic(broker, "durable");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
              new StringSerializer(),
              new StringSerializer())) {
        producer.send(new ProducerRecord<>("durable", "k", "before restart")).get();
      }
    }
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(dir).start()) {
      assertThat(readAll(broker, "durable")).containsExactly("before restart");
    }
    assertThat(dir).isDirectory();
  }

  private static void createTopic(EmbeddedKafkaBroker broker, String name) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
    }
  }

  private static List<String> readAll(EmbeddedKafkaBroker broker, String topic) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          return java.util.stream.StreamSupport.stream(records.spliterator(), false)
              .map(r -> r.value())
              .toList();
        }
      }
      return List.of();
    }
  }

  /** The local addresses of the sockets listening on {@code port}, from /proc/net/tcp{,6}. */
  private static Set<String> listeningAddresses(int port) throws IOException {
    java.util.Set<String> addresses = new java.util.HashSet<>();
    String hexPort = String.format(":%04X", port);
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(file);
      if (!Files.exists(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path)) {
        String[] cols = line.trim().split("\\s+");
        if (cols.length > 3 && cols[1].endsWith(hexPort) && "0A".equals(cols[3])) { // 0A = LISTEN
          addresses.add(decode(cols[1].substring(0, cols[1].indexOf(':'))));
        }
      }
    }
    return addresses;
  }

  private static String decode(String hex) {
    if (hex.length() == 8) { // IPv4, little-endian
      return Integer.parseInt(hex.substring(6, 8), 16)
          + "."
          + Integer.parseInt(hex.substring(4, 6), 16)
          + "."
          + Integer.parseInt(hex.substring(2, 4), 16)
          + "."
          + Integer.parseInt(hex.substring(0, 2), 16);
    }
    // IPv4-mapped IPv6 ::ffff:a.b.c.d ends with the IPv4 address in the same byte order
    if (hex.startsWith("0000000000000000FFFF0000")) {
      return decode(hex.substring(24));
    }
    return hex;
  }
}
