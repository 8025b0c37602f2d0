package io.palisade.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class FalcoIntakePropertiesTest {

  @Test
  void defaultsToTheDocumentedLimits() {
    FalcoIntakeProperties properties =
        new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("palisade.falco", FalcoIntakeProperties.class);

    assertThat(properties.maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
  }
}
