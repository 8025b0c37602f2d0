package io.palisade.correlation;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The correlation engine: two Kafka Streams applications behind the Spring Cloud Stream Kafka
 * Streams binder, {@code detect} (evidence to signals) and {@code correlate} (signals to
 * incidents).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CorrelationEngineApplication {

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(CorrelationEngineApplication.class)
        .properties("spring.config.name=correlation-engine");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
