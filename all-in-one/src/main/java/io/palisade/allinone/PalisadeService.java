package io.palisade.allinone;

import io.palisade.admission.AdmissionGatewayApplication;
import io.palisade.audit.AuditIngesterApplication;
import io.palisade.correlation.CorrelationEngineApplication;
import io.palisade.notify.AlertNotifierApplication;
import io.palisade.runtime.RuntimeIngesterApplication;
import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The five services all-in-one runs, in start order: consumers first, then the intakes. */
enum PalisadeService {
  CORRELATION_ENGINE("correlation-engine", 8083, CorrelationEngineApplication::builder),
  ALERT_NOTIFIER("alert-notifier", 8084, AlertNotifierApplication::builder),
  AUDIT_INGESTER("audit-ingester", 8081, AuditIngesterApplication::builder),
  RUNTIME_INGESTER("runtime-ingester", 8082, RuntimeIngesterApplication::builder),
  ADMISSION_GATEWAY("admission-gateway", 8080, AdmissionGatewayApplication::builder);

  private final String serviceName;
  private final int defaultPort;
  private final Supplier<SpringApplicationBuilder> builder;

  PalisadeService(String serviceName, int defaultPort, Supplier<SpringApplicationBuilder> builder) {
    this.serviceName = serviceName;
    this.defaultPort = defaultPort;
    this.builder = builder;
  }

  String serviceName() {
    return serviceName;
  }

  int defaultPort() {
    return defaultPort;
  }

  SpringApplicationBuilder newBuilder() {
    return builder.get();
  }
}
