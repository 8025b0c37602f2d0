package io.palisade.correlation.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Signal;
import io.palisade.correlation.deadletter.KafkaDeadLetterSink;
import io.palisade.correlation.detect.BuiltInRulePack;
import io.palisade.correlation.detect.DetectionTopology;
import io.palisade.correlation.detect.Detections;
import io.palisade.correlation.detect.SigmaRules;
import io.palisade.schemas.PalisadeTopics;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code detect} function: bindings detect-in-0 (audit), detect-in-1 (admission), detect-in-2
 * (runtime) and detect-out-0 (signals); the Sigma rules (built-in pack plus {@code
 * palisade.detection.rule-dirs}, reloaded every {@code palisade.detection.reload-interval}).
 */
@Configuration(proxyBeanMethods = false)
class DetectionConfiguration {

  @Bean
  SigmaRules sigmaRules(DetectionProperties properties, MeterRegistry meters) {
    return new SigmaRules(
        BuiltInRulePack.read(DetectionConfiguration.class.getClassLoader()),
        properties.directories(),
        meters);
  }

  /** Polls the rule directories; the reload itself is {@link SigmaRules#reload()}. */
  @Bean(destroyMethod = "close")
  SigmaRuleReloader sigmaRuleReloader(SigmaRules rules, DetectionProperties properties) {
    return new SigmaRuleReloader(
        rules, properties.directories().isEmpty() ? Duration.ZERO : properties.reload());
  }

  @Bean
  DetectionTopology detectionTopology(
      PalisadeTopics topics,
      SigmaRules rules,
      DetectionProperties properties,
      KafkaDeadLetterSink deadLetters,
      MeterRegistry meters) {
    return new DetectionTopology(
        topics,
        Detections.standard().without(properties.disabledJava()),
        rules,
        properties.settings(),
        deadLetters,
        meters);
  }

  @Bean
  Function<
          KStream<String, AuditEvent>,
          Function<
              KStream<String, AdmissionDecision>,
              Function<KStream<String, RuntimeAlert>, KStream<String, Signal>>>>
      detect(DetectionTopology topology) {
    return audit -> admission -> runtime -> topology.detect(audit, admission, runtime);
  }
}
