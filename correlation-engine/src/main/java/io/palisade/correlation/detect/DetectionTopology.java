package io.palisade.correlation.detect;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.EvidenceRef;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Signal;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1, stateless: every audit event, admission decision and runtime alert runs through the
 * {@link Detections}; each finding becomes a {@link Signal} keyed by cluster (so that one
 * correlation task owns a cluster's signals) and stamped with its own CloudEvents headers.
 *
 * <p>A rule that throws on odd input loses that one finding (logged with rule and evidence id); the
 * other rules and the stream go on.
 */
public final class DetectionTopology {

  /** The service name in the CloudEvents source of every signal. */
  public static final String SERVICE = "correlation-engine";

  private static final Logger log = LoggerFactory.getLogger(DetectionTopology.class);

  private final PalisadeTopics topics;
  private final Detections detections;

  public DetectionTopology(PalisadeTopics topics, Detections detections) {
    this.topics = topics;
    this.detections = detections;
  }

  /** Reads the evidence topics and writes the signals topic, for a plain Kafka Streams app. */
  public static void build(StreamsBuilder builder, PalisadeTopics topics, Detections detections) {
    new DetectionTopology(topics, detections)
        .detect(
            stream(builder, topics.audit()),
            stream(builder, topics.admission()),
            stream(builder, topics.runtime()))
        .to(
            topics.signals().name(),
            Produced.with(topics.signals().keySerde(), topics.signals().valueSerde()));
  }

  /** The signals found in the three evidence streams, keyed by cluster. */
  public KStream<String, Signal> detect(
      KStream<String, AuditEvent> audit,
      KStream<String, AdmissionDecision> admission,
      KStream<String, RuntimeAlert> runtime) {
    String auditTopic = topics.audit().name();
    String admissionTopic = topics.admission().name();
    String runtimeTopic = topics.runtime().name();
    return detectIn(audit, AuditEvent.class, e -> EvidenceFacts.of(e, auditTopic), "audit")
        .merge(
            detectIn(
                admission,
                AdmissionDecision.class,
                d -> EvidenceFacts.of(d, admissionTopic),
                "admission"),
            Named.as("merge-admission-signals"))
        .merge(
            detectIn(
                runtime, RuntimeAlert.class, a -> EvidenceFacts.of(a, runtimeTopic), "runtime"),
            Named.as("merge-runtime-signals"))
        .selectKey((key, signal) -> signal.getCluster(), Named.as("key-signals-by-cluster"))
        .processValues(
            () -> new SignalStamp(SERVICE, topics.signals().eventType()),
            Named.as("stamp-signal-cloudevents"));
  }

  private <T extends SpecificRecord> KStream<String, Signal> detectIn(
      KStream<String, T> evidence, Class<T> type, Function<T, EvidenceFacts> facts, String name) {
    List<Detection<T>> rules = detections.over(type);
    return evidence
        .filter((key, value) -> value != null, Named.as("skip-" + name + "-tombstones"))
        .flatMapValues(
            value -> signals(rules, value, facts.apply(value)), Named.as("detect-" + name));
  }

  private static <T extends SpecificRecord> List<Signal> signals(
      List<Detection<T>> rules, T evidence, EvidenceFacts facts) {
    List<Signal> signals = new ArrayList<>();
    for (Detection<T> rule : rules) {
      try {
        for (Finding finding : rule.detect(evidence)) {
          signals.add(signal(rule.ruleId(), finding, facts));
        }
      } catch (RuntimeException e) {
        log.warn(
            "detection rule {} failed on {} evidence {} and was skipped for it",
            rule.ruleId(),
            facts.source(),
            facts.id(),
            e);
      }
    }
    return signals;
  }

  static Signal signal(String ruleId, Finding finding, EvidenceFacts facts) {
    return Signal.newBuilder()
        .setId(SignalIds.of(ruleId, facts.signalKey()))
        .setCluster(facts.cluster())
        .setEventTime(facts.eventTime())
        .setIngestTime(facts.ingestTime())
        .setRuleId(ruleId)
        .setTitle(finding.title())
        .setDescription(finding.description())
        .setSeverity(finding.severity())
        .setTactic(finding.tactic())
        .setTechniques(finding.techniques())
        .setEntities(finding.entities())
        .setEvidence(
            EvidenceRef.newBuilder()
                .setSource(facts.source())
                .setTopic(facts.topic())
                .setId(facts.id())
                .setSummary(finding.summary())
                .build())
        .build();
  }

  private static <V> KStream<String, V> stream(StreamsBuilder builder, Topic<String, V> topic) {
    return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()));
  }
}
