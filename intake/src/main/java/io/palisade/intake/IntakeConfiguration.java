package io.palisade.intake;

import io.palisade.schemas.PalisadeTopics;
import java.util.HashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every intake service wires the same way: its {@link IntakeProperties}, the topics, one
 * {@link EvidencePublisher} (its Kafka client id is {@code spring.application.name}) and the JSON
 * error handling. Import it with {@code @Import(IntakeConfiguration.class)}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
@Import(IntakeExceptionHandler.class)
public class IntakeConfiguration {

  @Bean
  PalisadeTopics palisadeTopics(IntakeProperties properties) {
    return new PalisadeTopics(properties.topics());
  }

  @Bean(destroyMethod = "close")
  EvidencePublisher evidencePublisher(
      IntakeProperties properties, @Value("${spring.application.name}") String service) {
    IntakeProperties.Kafka kafka = properties.kafka();
    return EvidencePublisher.connect(
        kafka.bootstrapServers(), service, kafka.ackTimeout(), new HashMap<>(kafka.producer()));
  }
}
