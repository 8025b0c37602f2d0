package io.palisade.runtime.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.avro.RuntimeAlert;

/**
 * {@code palisade.runtime.alerts.accepted{priority}}: alerts Kafka acknowledged; {@code
 * palisade.runtime.requests.rejected{reason}}: requests refused, by the reason in the error body.
 * Tags only take values from closed sets (Falco priorities, Palisade's reasons).
 */
public final class FalcoIntakeMetrics {

  private final MeterRegistry registry;

  public FalcoIntakeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void accepted(RuntimeAlert alert) {
    Counter.builder("palisade.runtime.alerts.accepted")
        .description("Falco alerts published to Kafka and acknowledged")
        .tag("priority", alert.getPriority().name())
        .register(registry)
        .increment();
  }

  void rejected(String reason) {
    Counter.builder("palisade.runtime.requests.rejected")
        .description("Falco alert requests refused, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
