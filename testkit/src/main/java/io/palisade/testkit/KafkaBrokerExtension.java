package io.palisade.testkit;

import io.palisade.kafka.embedded.EmbeddedKafkaBroker;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.TopicProvisioner;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives every test class in a JVM the same real Kafka broker, started once on first use and stopped
 * when the JVM's tests end: a Testcontainers {@code apache/kafka} container where a Docker engine
 * is available, the in-process {@link EmbeddedKafkaBroker} (KRaft, 127.0.0.1 only) otherwise. Set
 * {@code -Dpalisade.testkit.broker=embedded} to skip the Docker probe, {@code =docker} to force it.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class AuditIntakeIT {
 *   @DynamicPropertySource
 *   static void kafka(DynamicPropertyRegistry registry) {
 *     registry.add("palisade.kafka.bootstrap-servers", KafkaBrokerExtension::bootstrapServers);
 *   }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {

  /** The Kafka version of the project's clients, so the container matches the embedded broker. */
  public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

  private static final Logger log = LoggerFactory.getLogger(KafkaBrokerExtension.class);
  private static final AtomicReference<KafkaBroker> BROKER = new AtomicReference<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    ensureStarted(context);
  }

  /** The bootstrap servers of the shared broker, starting it if no test has yet. */
  public static String bootstrapServers() {
    KafkaBroker broker = BROKER.get();
    if (broker == null) {
      throw new IllegalStateException(
          "no broker yet: annotate the test class with @ExtendWith(KafkaBrokerExtension.class)");
    }
    return broker.bootstrapServers();
  }

  /** Creates Palisade's topics (idempotently) with the given number of partitions. */
  public static void createTopics(PalisadeTopics topics, int partitions) {
    TopicProvisioner.ensureTopics(bootstrapServers(), topics, partitions, (short) 1);
  }

  private static synchronized void ensureStarted(ExtensionContext context) {
    if (BROKER.get() != null) {
      return;
    }
    KafkaBroker broker = useDocker() ? startContainer() : startEmbedded();
    BROKER.set(broker);
    // The root store closes it once, when the whole test plan has run.
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .put(KafkaBrokerExtension.class.getName(), new BrokerResource(broker));
    log.info("tests use a {} Kafka broker at {}", broker.kind(), broker.bootstrapServers());
  }

  private static boolean useDocker() {
    String choice = System.getProperty("palisade.testkit.broker", "auto");
    if ("embedded".equals(choice)) {
      return false;
    }
    if ("auto".equals(choice) && !dockerMayBeThere()) {
      return false; // spares every test JVM Testcontainers' failed probe and its error log
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A Docker engine is only worth probing for when a socket or DOCKER_HOST points at one. */
  private static boolean dockerMayBeThere() {
    return System.getenv("DOCKER_HOST") != null
        || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
        || java.nio.file.Files.exists(
            java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
        || java.nio.file.Files.exists(
            java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
  }

  private static KafkaBroker startEmbedded() {
    EmbeddedKafkaBroker embedded = EmbeddedKafkaBroker.builder().start();
    return new KafkaBroker() {
      @Override
      public String bootstrapServers() {
        return embedded.bootstrapServers();
      }

      @Override
      public String kind() {
        return "embedded";
      }

      @Override
      public void close() {
        embedded.close();
      }
    };
  }

  private static KafkaBroker startContainer() {
    KafkaContainer container =
        new KafkaContainer(KAFKA_IMAGE)
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    container.start();
    return new KafkaBroker() {
      @Override
      public String bootstrapServers() {
        return container.getBootstrapServers();
      }

      @Override
      public String kind() {
        return "testcontainers";
      }

      @Override
      public void close() {
        container.stop();
      }
    };
  }

  private record BrokerResource(KafkaBroker broker) implements AutoCloseable {
    @Override
    public void close() {
      BROKER.compareAndSet(broker, null);
      broker.close();
    }
  }
}
