package io.palisade.correlation.detect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.Entity;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Signal;
import io.palisade.correlation.sigma.FieldPath;
import io.palisade.correlation.sigma.JsonSigmaEvent;
import io.palisade.correlation.sigma.SigmaEvent;
import io.palisade.correlation.sigma.SigmaLogsource;
import io.palisade.correlation.sigma.SigmaRule;
import io.palisade.correlation.sigma.SigmaRuleSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateless half of Sigma detection: runs the running rule set's detection rules over one
 * evidence record's JSON view and forwards one {@link SigmaMatch} per matching rule, keyed by
 * cluster and timestamped with the evidence's event time (so the stateful half, after the
 * repartition by cluster, runs on event time).
 *
 * <ul>
 *   <li>Falco alerts with {@code source: internal} (Falco's own metrics and drop notices) are not
 *       evidence and never reach the rules.
 *   <li>Matches whose entities the allow-list covers are dropped here: they neither become signals
 *       nor count towards correlations.
 *   <li>A raw object ({@code requestObjectJson} …) that a rule needs but is not valid JSON is
 *       reported to {@link InvalidEvidence} (dead-lettered by the topology) and the record is
 *       evaluated again without its raw objects, so the rules that do not read them still work.
 * </ul>
 */
final class SigmaDetector<T extends SpecificRecord>
    implements Processor<String, T, String, SigmaMatch> {

  /** Where evidence with an invalid raw object is reported. */
  @FunctionalInterface
  interface InvalidEvidence {
    void report(ProcessorContext<?, ?> context, Record<String, ?> record, RuntimeException error);
  }

  static final String INTERNAL_SOURCE = "internal";

  /** Event-time distance between two time marks of one cluster. */
  static final long MARK_INTERVAL_MS = 1_000;

  private final Map<String, Long> lastMarks = new HashMap<>();

  private static final Logger log = LoggerFactory.getLogger(SigmaDetector.class);

  private final SigmaRules rules;
  private final AllowList allowList;
  private final Function<T, EvidenceFacts> facts;
  private final Serializer<Signal> signalSerializer;
  private final String signalTopic;
  private final InvalidEvidence invalidEvidence;
  private final Counter invalid;
  private final Counter suppressed;
  private ProcessorContext<String, SigmaMatch> context;

  SigmaDetector(
      SigmaRules rules,
      AllowList allowList,
      Function<T, EvidenceFacts> facts,
      Serializer<Signal> signalSerializer,
      String signalTopic,
      InvalidEvidence invalidEvidence,
      MeterRegistry meters,
      String source) {
    this.rules = rules;
    this.allowList = allowList;
    this.facts = facts;
    this.signalSerializer = signalSerializer;
    this.signalTopic = signalTopic;
    this.invalidEvidence = invalidEvidence;
    this.invalid = meters.counter("palisade.detection.evidence.invalid", "source", source);
    this.suppressed = meters.counter("palisade.detection.suppressed", "source", source);
  }

  @Override
  public void init(ProcessorContext<String, SigmaMatch> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, T> record) {
    T evidence = record.value();
    if (evidence == null
        || (evidence instanceof RuntimeAlert alert && INTERNAL_SOURCE.equals(alert.getSource()))) {
      return;
    }
    SigmaRuleSet set = rules.current();
    if (set.detections().isEmpty()) {
      return;
    }
    markTime(evidence);
    SigmaLogsource logsource = SigmaEvidence.logsourceOf(evidence);
    JsonSigmaEvent view = view(evidence, true);
    List<SigmaRule> matches;
    try {
      matches = set.engine().match(logsource, view);
    } catch (IllegalArgumentException e) {
      view = invalid(record, e, evidence);
      matches = set.engine().match(logsource, view);
    }
    if (matches.isEmpty()) {
      return;
    }
    EvidenceFacts evidenceFacts = facts.apply(evidence);
    List<Entity> entities = SigmaEvidence.entities(evidence);
    if (allowList.suppresses(entities)) {
      suppressed.increment();
      log.debug(
          "allow-listed: {} match(es) on {} {} suppressed",
          matches.size(),
          evidenceFacts.source(),
          evidenceFacts.id());
      return;
    }
    String summary = SigmaEvidence.summary(evidence);
    String entityKey = SigmaMatch.entityKey(entities);
    for (SigmaRule rule : matches) {
      byte[] signal =
          set.standalone(rule)
              ? signalSerializer.serialize(
                  signalTopic, SigmaSignals.match(rule, evidenceFacts, entities, summary))
              : null;
      Map<String, String> fields;
      try {
        fields = values(view, logsource, set.correlationFields(rule));
      } catch (IllegalArgumentException e) {
        view = invalid(record, e, evidence);
        fields = values(view, logsource, set.correlationFields(rule));
      }
      SigmaMatch match =
          new SigmaMatch(
              evidenceFacts.cluster(),
              rule.key(),
              evidenceFacts.eventTime().toEpochMilli(),
              evidenceFacts.ingestTime().toEpochMilli(),
              evidenceFacts.source(),
              evidenceFacts.id(),
              evidenceFacts.signalKey(),
              signal,
              entityKey,
              fields);
      context.forward(
          new Record<>(
              evidenceFacts.cluster(),
              match,
              evidenceFacts.eventTime().toEpochMilli(),
              record.headers()));
    }
  }

  /**
   * Forwards a time mark (a match without a rule) when this task's evidence of a cluster is at
   * least {@link #MARK_INTERVAL_MS} later than its last mark, so that stream time in the stateful
   * step advances with the evidence, not only with matches (closing windows in quiet periods).
   */
  private void markTime(T evidence) {
    EvidenceFacts evidenceFacts = facts.apply(evidence);
    long time = evidenceFacts.eventTime().toEpochMilli();
    Long last = lastMarks.get(evidenceFacts.cluster());
    if (last != null && time - last < MARK_INTERVAL_MS) {
      return;
    }
    if (lastMarks.size() > 10_000) {
      lastMarks.clear();
    }
    lastMarks.put(evidenceFacts.cluster(), time);
    context.forward(
        new Record<>(
            evidenceFacts.cluster(), SigmaMatch.timeMark(evidenceFacts.cluster(), time), time));
  }

  private JsonSigmaEvent invalid(Record<String, T> record, IllegalArgumentException e, T evidence) {
    invalid.increment();
    invalidEvidence.report(context, record, e);
    return view(evidence, false);
  }

  private static JsonSigmaEvent view(Object evidence, boolean withRawObjects) {
    if (evidence instanceof AuditEvent event) {
      return SigmaViews.audit(event, withRawObjects);
    }
    if (evidence instanceof AdmissionDecision decision) {
      return SigmaViews.admission(decision, withRawObjects);
    }
    return SigmaViews.falco((RuntimeAlert) evidence);
  }

  /** The first scalar value of each field (through the logsource's aliases); absent if none. */
  static Map<String, String> values(
      SigmaEvent view, SigmaLogsource logsource, Set<String> fieldNames) {
    if (fieldNames.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new HashMap<>();
    for (String name : fieldNames) {
      String[] found = new String[1];
      for (FieldPath path : logsource.pathsOf(name)) {
        if (view.anyValue(
            path,
            value -> {
              if (value == null || value == SigmaEvent.STRUCTURED) {
                return false;
              }
              found[0] = value.toString();
              return true;
            })) {
          break;
        }
      }
      if (found[0] != null) {
        values.put(name, found[0]);
      }
    }
    return values;
  }
}
