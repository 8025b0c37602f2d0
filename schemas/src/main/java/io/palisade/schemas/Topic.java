package io.palisade.schemas;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A typed topic: its name (bound from configuration), its serdes, how it is cleaned up and the
 * CloudEvents type of its records. The single source of truth for runtime code and tests.
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted, String eventType) {

  public Topic {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a topic needs a name (eventType " + eventType + ")");
    }
  }

  /** The topic-level configs Palisade creates the topic with. */
  public Map<String, String> configs() {
    return compacted
        ? Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
            "60000")
        : Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
  }

  @Override
  public String toString() {
    return name;
  }
}
