package io.palisade.intake.sample;

import io.palisade.intake.IntakeConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** The smallest intake service: {@link IntakeConfiguration} and one endpoint, for tests. */
@SpringBootApplication
@Import(IntakeConfiguration.class)
public class SampleIntakeApplication {

  /** Its configuration is {@code sample-intake.yml} in the test resources. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(SampleIntakeApplication.class)
        .properties("spring.config.name=sample-intake");
  }
}
