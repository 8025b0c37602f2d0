package io.palisade.audit.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.audit.filter.DefaultFilters;
import io.palisade.audit.filter.FilterRule;
import io.palisade.audit.filter.NoiseFilter;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.ShippedRecordMapper;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.audit.redact.RedactionPath;
import io.palisade.audit.webhook.AuditIntake;
import io.palisade.audit.webhook.AuditIntakeMetrics;
import io.palisade.audit.webhook.EventListReader;
import io.palisade.audit.webhook.NdjsonReader;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeConfiguration;
import io.palisade.intake.IntakeEndpointProperties;
import io.palisade.intake.IntakeMetrics;
import io.palisade.intake.json.IntakeJson;
import io.palisade.schemas.PalisadeTopics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** Wires the plain intake classes together; no logic lives here. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuditRedactionProperties.class, AuditFilterProperties.class})
@Import(IntakeConfiguration.class)
class AuditIngesterConfiguration {

  @Bean
  AuditRedactor auditRedactor(AuditRedactionProperties redaction, AuditIntakeMetrics metrics) {
    return new AuditRedactor(
        redaction.extraPaths().stream().map(RedactionPath::parse).toList(), metrics, json());
  }

  @Bean
  NoiseFilter noiseFilter(AuditFilterProperties filters) {
    List<FilterRule> rules = new ArrayList<>(DefaultFilters.named(filters.defaultFilters()));
    rules.addAll(filters.filters());
    return new NoiseFilter(rules);
  }

  @Bean
  AuditIntake auditIntake(
      IntakeEndpointProperties endpoint,
      AuditRedactor redactor,
      NoiseFilter noiseFilter,
      EvidencePublisher publisher,
      PalisadeTopics topics) {
    // the intake's limits (depth, number lengths) apply to every body we parse; an event too large
    // to publish is dead-lettered by itself after parsing (EvidencePublisher), so strings may be
    // long
    JsonMapper json = IntakeJson.mapper(endpoint.limits().forBatches());
    int maxEvents = endpoint.limits().maxEvents();
    return new AuditIntake(
        new EventListReader(json, maxEvents),
        new NdjsonReader(json, new ShippedRecordMapper(json), maxEvents),
        new AuditEventNormalizer(redactor, json),
        redactor,
        noiseFilter,
        publisher,
        topics,
        json,
        Clock.systemUTC());
  }

  @Bean
  AuditIntakeMetrics auditIntakeMetrics(MeterRegistry registry, IntakeMetrics intake) {
    return new AuditIntakeMetrics(registry, intake);
  }

  /**
   * A mapper of our own, not Boot's bean: spring.jackson.* settings must not change what we parse.
   */
  private static JsonMapper json() {
    return JsonMapper.builder().build();
  }
}
