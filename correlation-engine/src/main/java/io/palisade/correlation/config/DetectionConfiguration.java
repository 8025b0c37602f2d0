package io.palisade.correlation.config;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Signal;
import io.palisade.correlation.detect.DetectionTopology;
import io.palisade.correlation.detect.Detections;
import io.palisade.schemas.PalisadeTopics;
import java.util.function.Function;
import org.apache.kafka.streams.kstream.KStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code detect} function: bindings detect-in-0 (audit), detect-in-1 (admission), detect-in-2
 * (runtime) and detect-out-0 (signals).
 */
@Configuration(proxyBeanMethods = false)
class DetectionConfiguration {

  @Bean
  DetectionTopology detectionTopology(PalisadeTopics topics) {
    return new DetectionTopology(topics, Detections.standard());
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
