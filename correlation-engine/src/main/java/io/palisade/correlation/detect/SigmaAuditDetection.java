package io.palisade.correlation.detect;

import io.palisade.avro.AuditEvent;
import io.palisade.correlation.sigma.SigmaLogsource;
import io.palisade.correlation.sigma.SigmaRule;
import io.palisade.correlation.sigma.SigmaRuleSet;
import java.util.List;

/**
 * The per-event work of Sigma detection on one audit event, outside Kafka Streams: the JSON view
 * the detection stage builds of the record (raw request and response objects parsed only if a
 * candidate rule reads them) and the detection rules it matches. The topology does exactly this in
 * {@code SigmaDetector} before it builds signals; this class exists for the detection benchmark and
 * for tools.
 */
public final class SigmaAuditDetection {

  private final SigmaRuleSet rules;

  public SigmaAuditDetection(SigmaRuleSet rules) {
    this.rules = rules;
  }

  /** The built-in rule pack, as the correlation engine loads it. */
  public static SigmaAuditDetection builtInPack() {
    return new SigmaAuditDetection(
        SigmaRuleSet.load(BuiltInRulePack.read(SigmaAuditDetection.class.getClassLoader())));
  }

  /** The detection rules {@code event} matches. */
  public List<SigmaRule> match(AuditEvent event) {
    return rules.engine().match(SigmaLogsource.AUDIT, SigmaViews.audit(event, true));
  }

  /** How many detection rules of the set apply to audit events. */
  public long auditRules() {
    return rules.detections().stream()
        .filter(rule -> rule.logsource() == SigmaLogsource.AUDIT)
        .count();
  }
}
