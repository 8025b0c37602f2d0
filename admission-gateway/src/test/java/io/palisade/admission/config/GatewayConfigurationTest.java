package io.palisade.admission.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class GatewayConfigurationTest {

  @Test
  void theOperatorsProducerSettingsReachThePublisherWithTheGatewaysBoundOnBlocking() {
    PalisadeProperties.Kafka kafka =
        new PalisadeProperties.Kafka(
            "kafka:9093",
            Map.of("security.protocol", "SSL", ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000"));
    AdmissionProperties.Publish publish =
        new AdmissionProperties.Publish(1000, Duration.ofSeconds(5), Duration.ofSeconds(5));

    Map<String, Object> settings = GatewayConfiguration.producerSettings(kafka, publish);

    assertThat(settings)
        .containsEntry("security.protocol", "SSL")
        .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000L);
    assertThat(kafka.toString()).doesNotContain("SSL").contains("security.protocol");
  }
}
