package io.palisade.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IntakePropertiesTest {

  @Test
  void defaultsToTheDocumentedValues() {
    Binder binder = binder(Map.of());

    IntakeProperties palisade = binder.bindOrCreate("palisade", IntakeProperties.class);

    assertThat(palisade.cluster()).isEqualTo("default");
    assertThat(palisade.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(palisade.kafka().ackTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(palisade.kafka().producer()).isEmpty();
    assertThat(palisade.topics().audit()).isEqualTo("palisade.audit.v1");
  }

  @Test
  void bindsTopicNamesAndProducerSettingsWithDottedKeys() {
    Binder binder =
        binder(
            Map.of(
                "palisade.topics.audit", "team.audit",
                "palisade.kafka.producer.[security.protocol]", "SASL_SSL",
                "palisade.kafka.producer.[sasl.jaas.config]", "secret-password"));

    IntakeProperties palisade = binder.bindOrCreate("palisade", IntakeProperties.class);

    assertThat(palisade.topics().audit()).isEqualTo("team.audit");
    assertThat(palisade.topics().runtime()).isEqualTo("palisade.runtime.v1");
    assertThat(palisade.kafka().producer())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "secret-password");
    assertThat(palisade.toString()).contains("sasl.jaas.config").doesNotContain("secret-password");
  }

  private static Binder binder(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties));
  }
}
