package io.palisade.schemas;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates Palisade's topics with the partitions and cleanup policies the design needs, leaving
 * existing topics alone. For single-host runs and tests; in Kubernetes the topics are declared as
 * Strimzi {@code KafkaTopic} resources instead.
 */
public final class TopicProvisioner {

  private TopicProvisioner() {}

  /** Creates whichever of the topics do not exist yet. */
  public static void ensureTopics(
      String bootstrapServers, PalisadeTopics topics, int partitions, short replicationFactor) {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            30_000);
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.newTopics(partitions, replicationFactor).stream()
              .filter(topic -> !existing.contains(topic.name()))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create Palisade's topics on " + bootstrapServers + ": " + e.getCause(), e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + bootstrapServers + " did not answer in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
