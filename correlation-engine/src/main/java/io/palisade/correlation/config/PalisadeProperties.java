package io.palisade.correlation.config;

import io.palisade.schemas.TopicNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The properties every Palisade service shares.
 *
 * @param cluster the cluster name this instance reports for (CloudEvents source of dead letters)
 * @param kafka where the Kafka cluster is
 * @param topics topic names; any left out take the {@link TopicNames} defaults
 */
@Validated
@ConfigurationProperties("palisade")
public record PalisadeProperties(
    @DefaultValue("default") @NotBlank String cluster,
    @DefaultValue @Valid Kafka kafka,
    @DefaultValue TopicNames topics) {

  /**
   * @param bootstrapServers {@code host:port,…} of the Kafka cluster
   * @param producer extra settings (TLS, SASL, …) of the dead-letter producer, e.g. {@code
   *     palisade.kafka.producer.[security.protocol]=SSL} (the Streams apps take theirs from the
   *     binder configuration); values may be secret and are never printed
   */
  public record Kafka(
      @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers,
      Map<String, String> producer) {

    public Kafka {
      producer = producer == null ? Map.of() : Map.copyOf(producer);
    }

    @Override
    public String toString() {
      return "Kafka[bootstrapServers="
          + bootstrapServers
          + ", producer keys="
          + producer.keySet()
          + "]";
    }
  }
}
