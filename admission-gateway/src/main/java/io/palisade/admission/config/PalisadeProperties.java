package io.palisade.admission.config;

import io.palisade.schemas.TopicNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
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
   * @param producer extra producer settings (TLS, SASL, …) as the intakes take them, e.g. {@code
   *     palisade.kafka.producer.[security.protocol]=SSL}; values may be secret and are never
   *     printed
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
