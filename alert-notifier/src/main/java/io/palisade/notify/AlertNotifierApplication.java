package io.palisade.notify;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Delivers Palisade incidents to receivers and logs every delivery attempt. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AlertNotifierApplication {

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(AlertNotifierApplication.class)
        .properties("spring.config.name=alert-notifier");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
