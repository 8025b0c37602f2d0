package io.palisade.admission;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The validating admission webhook: evaluates AdmissionReviews and publishes every decision. */
@SpringBootApplication
public class AdmissionGatewayApplication {

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(AdmissionGatewayApplication.class)
        .properties("spring.config.name=admission-gateway");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
