package io.palisade.runtime.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeConfiguration;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.IntakeMetrics;
import io.palisade.intake.IntakeProperties;
import io.palisade.intake.json.IntakeJson;
import io.palisade.runtime.falco.FalcoAlertNormalizer;
import io.palisade.runtime.falco.FalcoAlertReader;
import io.palisade.runtime.http.FalcoIntake;
import io.palisade.runtime.http.FalcoIntakeMetrics;
import io.palisade.schemas.PalisadeTopics;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Wires the plain intake classes together; no logic lives here. */
@Configuration(proxyBeanMethods = false)
@Import(IntakeConfiguration.class)
class RuntimeIngesterConfiguration {

  @Bean
  FalcoIntake falcoIntake(
      IntakeProperties properties,
      IntakeEndpointProperties endpoint,
      EvidencePublisher publisher,
      PalisadeTopics topics) {
    return new FalcoIntake(
        // an alert too large to publish is refused by its own size after parsing: a line of NDJSON
        // becomes a dead letter by itself instead of refusing the whole request
        new FalcoAlertReader(IntakeJson.builder(endpoint.limits().forBatches())),
        new FalcoAlertNormalizer(),
        publisher,
        topics.runtime(),
        topics.deadLetter(),
        properties.cluster(),
        Clock.systemUTC());
  }

  @Bean
  FalcoIntakeMetrics falcoIntakeMetrics(MeterRegistry registry, IntakeMetrics intake) {
    return new FalcoIntakeMetrics(registry, intake);
  }
}
