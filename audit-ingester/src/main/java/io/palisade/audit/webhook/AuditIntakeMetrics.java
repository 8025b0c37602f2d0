package io.palisade.audit.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.audit.redact.RedactionCounter;
import io.palisade.audit.redact.RedactionKind;

/**
 * The audit intake's counters. Tags take only values Palisade defines (reasons, redaction kinds,
 * configured filter names), never text from the request: there is no cluster tag, because the
 * cluster comes from the URL, and senders must not be able to create time series at will.
 *
 * <ul>
 *   <li>{@code palisade_audit_events_accepted_total}: events Kafka acknowledged
 *   <li>{@code palisade_audit_requests_rejected_total{reason}}: whole requests refused
 *   <li>{@code palisade_audit_events_dead_lettered_total{reason}}: items sent to the dead-letter
 *       topic
 *   <li>{@code palisade_audit_filtered_total{filter}}: events dropped by a noise filter rule
 *   <li>{@code palisade_audit_redactions_total{kind}}: values replaced by the redactor
 * </ul>
 */
public final class AuditIntakeMetrics implements RedactionCounter {

  private final MeterRegistry registry;
  private final Counter accepted;

  public AuditIntakeMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted =
        Counter.builder("palisade.audit.events.accepted")
            .description("Audit events published to Kafka and acknowledged")
            .register(registry);
  }

  void accepted(IntakeResult result) {
    accepted.increment(result.accepted());
    result
        .deadLetteredByReason()
        .forEach(
            (reason, count) ->
                Counter.builder("palisade.audit.events.dead.lettered")
                    .description("Audit items published to the dead-letter topic, by reason")
                    .tag("reason", reason)
                    .register(registry)
                    .increment(count));
    result
        .filteredByRule()
        .forEach(
            (rule, count) ->
                Counter.builder("palisade.audit.filtered")
                    .description("Audit events dropped by a noise filter rule")
                    .tag("filter", rule)
                    .register(registry)
                    .increment(count));
  }

  void rejected(String reason) {
    Counter.builder("palisade.audit.requests.rejected")
        .description("Audit intake requests refused, by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  @Override
  public void redacted(RedactionKind kind, int values) {
    Counter.builder("palisade.audit.redactions")
        .description("Secret values replaced before publishing, by kind")
        .tag("kind", kind.tag())
        .register(registry)
        .increment(values);
  }
}
