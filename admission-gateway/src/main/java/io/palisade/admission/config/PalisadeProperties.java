package io.palisade.admission.config;

import io.palisade.schemas.TopicNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The properties every Palisade service shares ({@code palisade.*}).
 *
 * @param cluster the name of the cluster this gateway admits for; part of every record key
 * @param kafka where Kafka is
 * @param topics topic names ({@code palisade.topics.admission}, …); unset names take the defaults
 */
@Validated
@ConfigurationProperties("palisade")
public record PalisadeProperties(
    @DefaultValue("default") @NotBlank String cluster,
    @DefaultValue @Valid Kafka kafka,
    @DefaultValue TopicNames topics) {

  /**
   * @param bootstrapServers the Kafka bootstrap servers, {@code host:port[,host:port…]}
   */
  public record Kafka(@DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers) {}
}
