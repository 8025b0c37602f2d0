package io.palisade.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in this JVM: one node in KRaft mode acting as broker and controller,
 * both listeners bound to 127.0.0.1 only, with the single-node settings that make transactions and
 * Kafka Streams {@code exactly_once_v2} work (replication factor 1, min ISR 1 for the internal
 * topics).
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().port(9092).start()) {
 *   String bootstrap = broker.bootstrapServers(); // "127.0.0.1:9092"
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String HOST = "127.0.0.1";

  private final KafkaRaftServer server;
  private final int port;
  private final Path dataDir;
  private final boolean deleteOnClose;
  private volatile boolean closed;

  private EmbeddedKafkaBroker(
      KafkaRaftServer server, int port, Path dataDir, boolean deleteOnClose) {
    this.server = server;
    this.port = port;
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Shuts the broker down (controlled shutdown) and, for a temporary data dir, deletes it. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
    log.info("embedded Kafka broker on {} stopped", bootstrapServers());
  }

  /** Configures and starts a broker. */
  public static final class Builder {
    private int port;
    private int controllerPort;
    private Path dataDir;
    private Duration startTimeout = Duration.ofSeconds(60);
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /** The client port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The controller port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    /**
     * Where the broker keeps its logs. A directory that was formatted before is reused, so a
     * restart keeps its topics and offsets. Null (the default) uses a temporary directory that is
     * deleted on close.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /** Any other broker property, e.g. {@code log.retention.hours}. */
    public Builder brokerProperty(String name, String value) {
      overrides.put(name, value);
      return this;
    }

    public EmbeddedKafkaBroker start() {
      int clientPort = port == 0 ? freePort() : port;
      int quorumPort = controllerPort == 0 ? freePort() : controllerPort;
      boolean temporary = dataDir == null;
      Path dir = temporary ? createTempDir() : dataDir.toAbsolutePath();
      Properties props = brokerProperties(clientPort, quorumPort, dir);
      props.putAll(overrides);
      formatIfNew(dir, props);

      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
      EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, clientPort, dir, temporary);
      try {
        server.startup();
        awaitReady(broker.bootstrapServers(), startTimeout);
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      log.info("embedded Kafka broker ready on {} (data in {})", broker.bootstrapServers(), dir);
      return broker;
    }
  }

  static Properties brokerProperties(int clientPort, int controllerPort, Path dir) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.resolve("logs").toString());
    p.put("metadata.log.dir", dir.resolve("metadata").toString());
    // One node: every internal topic has one replica, and min ISR must not exceed it, or
    // transactions (and so exactly_once_v2) cannot start.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // A laptop-sized broker: fewer threads and a small compaction buffer.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    p.put("log.cleaner.backoff.ms", "5000");
    return p;
  }

  private static void formatIfNew(Path dir, Properties props) {
    if (Files.exists(dir.resolve("metadata").resolve("meta.properties"))) {
      return;
    }
    Path config = dir.resolve("server.properties");
    try {
      Files.createDirectories(dir);
      try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
        props.store(out, "written by Palisade's EmbeddedKafkaBroker");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    int status =
        StorageTool.execute(
            new String[] {
              "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", config.toString()
            },
            quiet);
    if (status != 0) {
      throw new IllegalStateException(
          "formatting the KRaft storage in " + dir + " failed: " + status);
    }
  }

  private static void awaitReady(String bootstrap, Duration timeout) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) timeout.toMillis(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5_000);
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for the broker on " + bootstrap, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the embedded broker on " + bootstrap + " was not ready within " + timeout, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  private static Path createTempDir() {
    try {
      return Files.createTempDirectory("palisade-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary data directory", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      log.warn("could not delete {}: {}", dir, e.toString());
    }
  }
}
