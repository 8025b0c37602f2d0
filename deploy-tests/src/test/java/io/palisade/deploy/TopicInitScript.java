package io.palisade.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The script of compose's {@code topic-init} service, read for what it does: its {@code create
 * <name> <partitions> [<config>=<value> …]} lines and the replication factor its {@code create}
 * function passes to {@code kafka-topics.sh --create --if-not-exists}. {@link #run} does the same
 * with the Kafka admin client, so that a test sees the topics the compose file really creates.
 *
 * @param replicationFactor {@code --replication-factor} of the {@code create} function
 * @param creations the {@code create} lines, in order
 */
record TopicInitScript(short replicationFactor, List<Creation> creations) {

  private static final Pattern CREATE =
      Pattern.compile("^\\s*create (\\S+) (\\d+)((?: \\S+=\\S+)*)\\s*$", Pattern.MULTILINE);
  private static final Pattern REPLICATION_FACTOR = Pattern.compile("--replication-factor (\\d+)");

  /** One {@code create} line: a topic, its partitions and its topic configs. */
  record Creation(String name, int partitions, Map<String, String> configs) {}

  static TopicInitScript parse(String script) {
    Matcher replication = REPLICATION_FACTOR.matcher(script);
    if (!replication.find() || !script.contains("--if-not-exists")) {
      throw new IllegalArgumentException(
          "topic-init's create function must pass --if-not-exists and --replication-factor");
    }
    List<Creation> creations = new ArrayList<>();
    Matcher create = CREATE.matcher(script);
    while (create.find()) {
      Map<String, String> configs = new LinkedHashMap<>();
      for (String config : create.group(3).trim().split(" ")) {
        if (!config.isEmpty()) {
          configs.put(
              config.substring(0, config.indexOf('=')), config.substring(config.indexOf('=') + 1));
        }
      }
      creations.add(new Creation(create.group(1), Integer.parseInt(create.group(2)), configs));
    }
    if (creations.isEmpty()) {
      throw new IllegalArgumentException("topic-init creates no topic");
    }
    return new TopicInitScript(Short.parseShort(replication.group(1)), List.copyOf(creations));
  }

  /**
   * Creates every topic the script creates, skipping those that exist ({@code --if-not-exists}).
   */
  void run(String bootstrapServers) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (Creation creation : creations) {
        NewTopic topic =
            new NewTopic(creation.name(), creation.partitions(), replicationFactor)
                .configs(creation.configs());
        try {
          admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("topic-init: cannot create " + creation.name(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the topics", e);
    }
  }

  List<String> topicNames() {
    return creations.stream().map(Creation::name).toList();
  }
}
