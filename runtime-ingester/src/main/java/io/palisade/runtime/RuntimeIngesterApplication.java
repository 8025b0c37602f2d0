package io.palisade.runtime;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The Falco alert intake: Falco {@code http_output} JSON in, {@code RuntimeAlert}s out. */
@SpringBootApplication
public class RuntimeIngesterApplication {

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(RuntimeIngesterApplication.class)
        .properties("spring.config.name=runtime-ingester");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
