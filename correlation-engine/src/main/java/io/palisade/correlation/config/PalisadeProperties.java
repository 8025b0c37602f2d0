package io.palisade.correlation.config;

import io.palisade.schemas.TopicNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
   */
  public record Kafka(@DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers) {}
}
