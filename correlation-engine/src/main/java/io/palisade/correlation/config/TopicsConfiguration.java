package io.palisade.correlation.config;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.Incident;
import io.palisade.avro.IncidentAction;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Signal;
import io.palisade.schemas.PalisadeTopics;
import org.apache.kafka.common.serialization.Serde;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The typed topics and, for the binder, one {@code Serde<T>} bean per record type: the Kafka
 * Streams binder picks the value Serde of a binding by its generic type, so every binding uses the
 * topic's {@code PalisadeSerde}.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

  @Bean
  PalisadeTopics palisadeTopics(PalisadeProperties properties) {
    return new PalisadeTopics(properties.topics());
  }

  @Bean
  static TopicBindings topicBindings(ObjectProvider<PalisadeTopics> topics) {
    return new TopicBindings(topics);
  }

  @Bean
  Serde<AuditEvent> auditEventSerde(PalisadeTopics topics) {
    return topics.audit().valueSerde();
  }

  @Bean
  Serde<AdmissionDecision> admissionDecisionSerde(PalisadeTopics topics) {
    return topics.admission().valueSerde();
  }

  @Bean
  Serde<RuntimeAlert> runtimeAlertSerde(PalisadeTopics topics) {
    return topics.runtime().valueSerde();
  }

  @Bean
  Serde<Signal> signalSerde(PalisadeTopics topics) {
    return topics.signals().valueSerde();
  }

  @Bean
  Serde<Incident> incidentSerde(PalisadeTopics topics) {
    return topics.incidents().valueSerde();
  }

  @Bean
  Serde<IncidentAction> incidentActionSerde(PalisadeTopics topics) {
    return topics.incidentActions().valueSerde();
  }
}
