package io.palisade.audit.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.audit.webhook.AuditIntake;
import io.palisade.audit.webhook.AuditIntakeMetrics;
import io.palisade.audit.webhook.EventListReader;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeConfiguration;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.json.IntakeJson;
import io.palisade.schemas.PalisadeTopics;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** Wires the plain intake classes together; no logic lives here. */
@Configuration(proxyBeanMethods = false)
@Import(IntakeConfiguration.class)
class AuditIngesterConfiguration {

  @Bean
  AuditIntake auditIntake(
      IntakeEndpointProperties endpoint, EvidencePublisher publisher, PalisadeTopics topics) {
    // A mapper of our own with the intake's limits (depth, string and number lengths), not
    // Boot's bean: spring.jackson.* settings must not change what we parse.
    JsonMapper json = IntakeJson.mapper(endpoint.limits());
    return new AuditIntake(
        new EventListReader(json, endpoint.limits().maxEvents()),
        new AuditEventNormalizer(new AuditRedactor(), json),
        publisher,
        topics.audit(),
        Clock.systemUTC());
  }

  @Bean
  AuditIntakeMetrics auditIntakeMetrics(MeterRegistry registry) {
    return new AuditIntakeMetrics(registry);
  }
}
