package io.palisade.notify.config;

import io.palisade.schemas.TopicNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The properties every Palisade service shares: {@code palisade.cluster}, {@code
 * palisade.kafka.bootstrap-servers} and {@code palisade.topics.*} (a blank name takes the default).
 */
@ConfigurationProperties("palisade")
@Validated
public record PalisadeProperties(
    @DefaultValue("default") @NotBlank String cluster,
    @DefaultValue @Valid Kafka kafka,
    @DefaultValue Topics topics) {

  /** {@code palisade.kafka.*}. */
  public record Kafka(@DefaultValue("127.0.0.1:9092") @NotBlank String bootstrapServers) {}

  /** {@code palisade.topics.*}: topic names, each optional. */
  public record Topics(
      String audit,
      String admission,
      String runtime,
      String signals,
      String incidents,
      String notifications,
      String deadLetter) {

    public TopicNames names() {
      return new TopicNames(
          audit, admission, runtime, signals, incidents, notifications, deadLetter, null);
    }
  }
}
