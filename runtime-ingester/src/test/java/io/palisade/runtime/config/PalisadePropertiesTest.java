package io.palisade.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class PalisadePropertiesTest {

  @Test
  void defaultsToTheDocumentedValues() {
    Binder binder = binder(Map.of());

    PalisadeProperties palisade = binder.bindOrCreate("palisade", PalisadeProperties.class);
    FalcoIntakeProperties falco =
        binder.bindOrCreate("palisade.falco", FalcoIntakeProperties.class);

    assertThat(palisade.cluster()).isEqualTo("default");
    assertThat(palisade.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(palisade.kafka().ackTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(palisade.kafka().producer()).isEmpty();
    assertThat(palisade.topics().runtime()).isEqualTo("palisade.runtime.v1");
    assertThat(falco.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
  }

  @Test
  void bindsTopicNamesAndProducerSettingsWithDottedKeys() {
    Binder binder =
        binder(
            Map.of(
                "palisade.topics.runtime", "team.runtime",
                "palisade.kafka.producer.[security.protocol]", "SASL_SSL",
                "palisade.kafka.producer.[sasl.jaas.config]", "secret-password"));

    PalisadeProperties palisade = binder.bindOrCreate("palisade", PalisadeProperties.class);

    assertThat(palisade.topics().runtime()).isEqualTo("team.runtime");
    assertThat(palisade.topics().audit()).isEqualTo("palisade.audit.v1");
    assertThat(palisade.kafka().producer())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.jaas.config", "secret-password");
    assertThat(palisade.toString()).contains("sasl.jaas.config").doesNotContain("secret-password");
  }

  private static Binder binder(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties));
  }
}
