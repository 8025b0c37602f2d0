package io.palisade.audit.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code palisade.audit.events.accepted}: events Kafka acknowledged; {@code
 * palisade.audit.requests.rejected{reason}}: requests refused, by the reason in the error body.
 * There is no cluster tag: the cluster comes from the URL, and senders must not be able to create
 * time series at will.
 */
public final class AuditIntakeMetrics {

  private final MeterRegistry registry;
  private final Counter accepted;

  public AuditIntakeMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted =
        Counter.builder("palisade.audit.events.accepted")
            .description("Audit events published to Kafka and acknowledged")
            .register(registry);
  }

  void accepted(int events) {
    accepted.increment(events);
  }

  void rejected(String reason) {
    Counter.builder("palisade.audit.requests.rejected")
        .description("Audit webhook requests refused, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }
}
