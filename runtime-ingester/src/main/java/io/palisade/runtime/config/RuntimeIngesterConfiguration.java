package io.palisade.runtime.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeExceptionHandler;
import io.palisade.runtime.falco.FalcoAlertNormalizer;
import io.palisade.runtime.http.FalcoIntake;
import io.palisade.runtime.http.FalcoIntakeMetrics;
import io.palisade.schemas.PalisadeTopics;
import java.time.Clock;
import java.util.HashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Wires the plain intake classes together; no logic lives here. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PalisadeProperties.class, FalcoIntakeProperties.class})
@Import(IntakeExceptionHandler.class)
class RuntimeIngesterConfiguration {

  static final String SERVICE = "runtime-ingester";

  @Bean
  PalisadeTopics palisadeTopics(PalisadeProperties properties) {
    return new PalisadeTopics(properties.topics());
  }

  @Bean
  EvidencePublisher evidencePublisher(PalisadeProperties properties) {
    PalisadeProperties.Kafka kafka = properties.kafka();
    return EvidencePublisher.connect(
        kafka.bootstrapServers(), SERVICE, kafka.ackTimeout(), new HashMap<>(kafka.producer()));
  }

  @Bean
  FalcoIntake falcoIntake(
      PalisadeProperties properties, EvidencePublisher publisher, PalisadeTopics topics) {
    return new FalcoIntake(
        new FalcoAlertNormalizer(),
        publisher,
        topics.runtime(),
        properties.cluster(),
        Clock.systemUTC());
  }

  @Bean
  FalcoIntakeMetrics falcoIntakeMetrics(MeterRegistry registry) {
    return new FalcoIntakeMetrics(registry);
  }
}
