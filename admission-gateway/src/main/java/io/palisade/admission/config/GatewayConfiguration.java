package io.palisade.admission.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.admission.AdmissionRules;
import io.palisade.admission.namespaces.NamespaceLabels;
import io.palisade.admission.policy.AdmissionEvaluator;
import io.palisade.admission.policy.interactive.InteractiveAccessPolicy;
import io.palisade.admission.pss.PodSecurityEvaluator;
import io.palisade.admission.publish.AdmissionDecisionRecords;
import io.palisade.admission.publish.DecisionPublisher;
import io.palisade.admission.review.AdmissionReviewReader;
import io.palisade.admission.scope.CurrentScope;
import io.palisade.admission.webhook.AdmissionReviewHandler;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.IntakeExceptionHandler;
import io.palisade.schemas.PalisadeTopics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Wires the plain domain classes into the Spring context. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PalisadeProperties.class, AdmissionProperties.class})
@Import(IntakeExceptionHandler.class)
class GatewayConfiguration {

  private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

  @Bean
  PalisadeTopics palisadeTopics(PalisadeProperties palisade) {
    return new PalisadeTopics(palisade.topics());
  }

  @Bean
  AdmissionEvaluator admissionEvaluator(CurrentScope scope, NamespaceLabels namespaces) {
    AdmissionEvaluator evaluator =
        new AdmissionEvaluator(
            AdmissionRules.following(
                scope::get, InteractiveAccessPolicy.labelledProtected(namespaces::labels)),
            namespaces,
            new PodSecurityEvaluator());
    log.info("admission policies: {}", evaluator.policyNames());
    return evaluator;
  }

  @Bean
  DecisionPublisher decisionPublisher(
      PalisadeProperties palisade,
      AdmissionProperties admission,
      PalisadeTopics topics,
      MeterRegistry meters) {
    AdmissionProperties.Publish publish = admission.publish();
    EvidencePublisher kafka =
        EvidencePublisher.connect(
            palisade.kafka().bootstrapServers(),
            AdmissionDecisionRecords.SERVICE,
            publish.maxBlock(),
            producerSettings(palisade.kafka(), publish));
    ExecutorService sender =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "admission-decision-publisher");
              thread.setDaemon(true);
              return thread;
            });
    return new DecisionPublisher(
        kafka, topics.admission(), sender, publish.maxInFlight(), publish.drainTimeout(), meters);
  }

  @Bean
  AdmissionReviewHandler admissionReviewHandler(
      PalisadeProperties palisade,
      PalisadeTopics topics,
      AdmissionEvaluator evaluator,
      DecisionPublisher publisher,
      MeterRegistry meters) {
    return new AdmissionReviewHandler(
        new AdmissionReviewReader(),
        evaluator,
        new AdmissionDecisionRecords(palisade.cluster(), topics.admission().eventType()),
        publisher,
        Clock.systemUTC(),
        meters);
  }

  /** The operator's producer settings (TLS, SASL), with the gateway's own bound on blocking. */
  static Map<String, Object> producerSettings(
      PalisadeProperties.Kafka kafka, AdmissionProperties.Publish publish) {
    Map<String, Object> settings = new HashMap<>(kafka.producer());
    settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publish.maxBlock().toMillis());
    return settings;
  }
}
