package io.palisade.correlation.config;

import io.palisade.correlation.deadletter.DeadLetterHandler;
import io.palisade.correlation.deadletter.KafkaDeadLetterSink;
import io.palisade.correlation.deadletter.ProcessingDeadLetterHandler;
import io.palisade.schemas.PalisadeTopics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Undecodable input, and input that makes a processor throw ({@link ProcessingDeadLetterHandler}),
 * goes to the dead-letter topic as a {@code io.palisade.schemas.DeadLetter}, with the provenance
 * and reason headers every Palisade service writes and CloudEvents headers, through Palisade's own
 * {@link DeadLetterHandler} rather than the binder's {@code sendToDlq} (whose records would lack
 * the CloudEvents headers every Palisade record carries). The binder applies every {@link
 * StreamsBuilderFactoryBeanConfigurer} to both functions' Kafka Streams.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

  static final String SERVICE = "correlation-engine";
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  @Bean(destroyMethod = "close")
  KafkaDeadLetterSink deadLetterSink(PalisadeProperties properties, PalisadeTopics topics) {
    return new KafkaDeadLetterSink(
        properties.kafka().bootstrapServers(),
        SERVICE + "-dead-letters",
        topics.deadLetter(),
        properties.cluster(),
        WRITE_TIMEOUT,
        properties.kafka().producer());
  }

  @Bean
  StreamsBuilderFactoryBeanConfigurer deadLetterHandler(KafkaDeadLetterSink sink) {
    return factoryBean -> {
      Properties streams = factoryBean.getStreamsConfiguration(); // a copy
      streams.put(
          StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
      streams.put(
          StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
          ProcessingDeadLetterHandler.class);
      streams.put(DeadLetterHandler.SINK_CONFIG, sink);
      streams.put(DeadLetterHandler.SERVICE_CONFIG, SERVICE);
      factoryBean.setStreamsConfiguration(streams);
    };
  }
}
