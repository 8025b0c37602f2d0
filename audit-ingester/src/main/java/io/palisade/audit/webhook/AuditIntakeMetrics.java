package io.palisade.audit.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.audit.redact.RedactionCounter;
import io.palisade.audit.redact.RedactionKind;
import io.palisade.intake.IntakeMetrics;

/**
 * What only the audit intake counts; requests, accepted events, dead letters by reason, batch sizes
 * and publish latency are the intake library's ({@code IntakeMetrics}, {@code palisade_intake_*}),
 * which this class feeds with the dead letters of each request. Tags take only values Palisade
 * defines (reasons, redaction kinds, configured filter names), never text from the request: there
 * is no cluster tag, because the cluster comes from the URL, and senders must not be able to create
 * time series at will.
 *
 * <ul>
 *   <li>{@code palisade_audit_filtered_total{filter}}: events dropped by a noise filter rule
 *   <li>{@code palisade_audit_redactions_total{kind}}: values replaced by the redactor
 * </ul>
 */
public final class AuditIntakeMetrics implements RedactionCounter {

  private final MeterRegistry registry;
  private final IntakeMetrics intake;

  public AuditIntakeMetrics(MeterRegistry registry, IntakeMetrics intake) {
    this.registry = registry;
    this.intake = intake;
  }

  void accepted(IntakeResult result) {
    result.deadLetteredByReason().forEach(intake::deadLettered);
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

  @Override
  public void redacted(RedactionKind kind, int values) {
    Counter.builder("palisade.audit.redactions")
        .description("Secret values replaced before publishing, by kind")
        .tag("kind", kind.tag())
        .register(registry)
        .increment(values);
  }
}
