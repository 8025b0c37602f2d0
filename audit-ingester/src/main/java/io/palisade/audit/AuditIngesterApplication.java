package io.palisade.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The Kubernetes API-server audit webhook backend: audit events in, {@code AuditEvent}s out. */
@SpringBootApplication
public class AuditIngesterApplication {

  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(AuditIngesterApplication.class)
        .properties("spring.config.name=audit-ingester");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
