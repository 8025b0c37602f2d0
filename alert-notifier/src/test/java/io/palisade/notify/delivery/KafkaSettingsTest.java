package io.palisade.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void commitsByHandAndReadsOnlyCommittedIncidents() {
    Map<String, Object> config =
        new KafkaSettings("127.0.0.1:9092", "notifier", "earliest", Map.of(), Map.of())
            .consumerConfig();

    assertThat(config)
        .containsEntry("group.id", "notifier")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("value.deserializer", ByteArrayDeserializer.class);
  }

  @Test
  void appliesOverridesButKeepsDecodingInItsOwnHands() {
    KafkaSettings settings =
        new KafkaSettings(
            "127.0.0.1:9092",
            "notifier",
            "latest",
            Map.of(
                "security.protocol", "SSL",
                "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"),
            Map.of("compression.type", "zstd"));

    assertThat(settings.consumerConfig())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("value.deserializer", ByteArrayDeserializer.class);
    assertThat(settings.producerConfig())
        .containsEntry("compression.type", "zstd")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true);
  }

  @Test
  void budgetsHalfOfTheMaxPollInterval() {
    assertThat(new KafkaSettings("b", "g", "earliest", Map.of(), Map.of()).processingBudget())
        .isEqualTo(Duration.ofSeconds(150));
    assertThat(
            new KafkaSettings(
                    "b", "g", "earliest", Map.of("max.poll.interval.ms", "2000"), Map.of())
                .processingBudget())
        .isEqualTo(Duration.ofSeconds(1));
  }
}
