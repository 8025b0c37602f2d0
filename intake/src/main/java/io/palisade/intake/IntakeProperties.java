package io.palisade.intake;

import io.palisade.schemas.TopicNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The properties every Palisade intake shares ({@code palisade.*}), with their defaults.
 *
 * @param cluster the cluster this service speaks for, unless a request names one
 * @param kafka where and how evidence is published
 * @param topics topic names; any left unset keep their default
 */
@Validated
@ConfigurationProperties("palisade")
public record IntakeProperties(
    @DefaultValue("default") @NotBlank @Pattern(regexp = ClusterName.PATTERN) String cluster,
    @DefaultValue @Valid Kafka kafka,
    @DefaultValue TopicNames topics) {

  /**
   * @param bootstrapServers the Kafka bootstrap servers
   * @param ackTimeout how long a request waits for Kafka to acknowledge its records before 503
   * @param producer extra producer settings (TLS, SASL, …), e.g. {@code
   *     palisade.kafka.producer.[security.protocol]=SSL}; values may be secret and are never
   *     printed
   */
  public record Kafka(
      @DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers,
      @DefaultValue("4s") @NotNull Duration ackTimeout,
      Map<String, String> producer) {

    public Kafka {
      producer = producer == null ? Map.of() : Map.copyOf(producer);
    }

    @Override
    public String toString() {
      return "Kafka[bootstrapServers="
          + bootstrapServers
          + ", ackTimeout="
          + ackTimeout
          + ", producer keys="
          + producer.keySet()
          + "]";
    }
  }
}
