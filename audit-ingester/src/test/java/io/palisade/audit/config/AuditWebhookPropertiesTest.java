package io.palisade.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class AuditWebhookPropertiesTest {

  @Test
  void defaultsToTheDocumentedLimits() {
    AuditWebhookProperties properties =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("palisade.audit", AuditWebhookProperties.class);

    assertThat(properties.maxBodySize()).isEqualTo(DataSize.ofMegabytes(16));
    assertThat(properties.maxEvents()).isEqualTo(5000);
  }
}
