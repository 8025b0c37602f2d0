package io.palisade.correlation.detect;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.Signal;
import io.palisade.correlation.correlate.JsonSerde;
import io.palisade.correlation.deadletter.DeadLetterSink;
import io.palisade.correlation.sigma.SigmaRuleSet;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1: every audit event, admission decision and runtime alert runs through the hand-written
 * {@link Detections} and the running Sigma rule set; each finding becomes a {@link Signal} keyed by
 * cluster (so that one correlation task owns a cluster's signals) and stamped with its own
 * CloudEvents headers.
 *
 * <p>Sigma rules run in two steps: {@link SigmaDetector} matches each record (stateless) and sends
 * the matches, keyed by cluster and timed by event time, through the {@value #SIGMA_MATCHES}
 * repartition topic to {@link SigmaSignalProcessor}, which aggregates repeats and evaluates
 * correlation rules in state stores. Allow-listed matches and signals are dropped.
 *
 * <p>A rule that throws on odd input loses that one finding (logged with rule and evidence id); the
 * other rules and the stream go on.
 */
public final class DetectionTopology {

  /** The service name in the CloudEvents source of every signal. */
  public static final String SERVICE = "correlation-engine";

  private static final Logger log = LoggerFactory.getLogger(DetectionTopology.class);

  /** Reason of dead letters for evidence whose raw object is not valid JSON. */
  public static final String INVALID_RAW_OBJECT = "invalid-raw-object";

  private final PalisadeTopics topics;
  private final Detections detections;
  private final SigmaRules sigmaRules;
  private final DetectionSettings settings;
  private final DeadLetterSink deadLetters;
  private final MeterRegistry meters;

  /** The hand-written detections only (no Sigma rules), default settings. */
  public DetectionTopology(PalisadeTopics topics, Detections detections) {
    this(
        topics,
        detections,
        SigmaRules.fixed(SigmaRuleSet.empty(), new SimpleMeterRegistry()),
        DetectionSettings.defaults(),
        null,
        new SimpleMeterRegistry());
  }

  /**
   * @param sigmaRules the running Sigma rule set (read for every record, so reloads apply at once)
   * @param deadLetters where evidence with an invalid raw object goes, or null to only log it
   */
  public DetectionTopology(
      PalisadeTopics topics,
      Detections detections,
      SigmaRules sigmaRules,
      DetectionSettings settings,
      DeadLetterSink deadLetters,
      MeterRegistry meters) {
    this.topics = topics;
    this.detections = detections;
    this.sigmaRules = sigmaRules;
    this.settings = settings;
    this.deadLetters = deadLetters;
    this.meters = meters;
  }

  /** Reads the evidence topics and writes the signals topic, for a plain Kafka Streams app. */
  public static void build(StreamsBuilder builder, PalisadeTopics topics, Detections detections) {
    build(builder, new DetectionTopology(topics, detections));
  }

  /** Reads the evidence topics and writes the signals topic, for a plain Kafka Streams app. */
  public static void build(StreamsBuilder builder, DetectionTopology topology) {
    PalisadeTopics topics = topology.topics;
    topology
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
    KStream<String, SigmaMatch> sigmaMatches =
        sigmaIn(audit, topics.audit(), e -> EvidenceFacts.of(e, auditTopic), "audit")
            .merge(
                sigmaIn(
                    admission,
                    topics.admission(),
                    d -> EvidenceFacts.of(d, admissionTopic),
                    "admission"),
                Named.as("merge-sigma-admission-matches"))
            .merge(
                sigmaIn(
                    runtime, topics.runtime(), a -> EvidenceFacts.of(a, runtimeTopic), "runtime"),
                Named.as("merge-sigma-runtime-matches"));
    KStream<String, Signal> sigmaSignals =
        sigmaMatches
            .repartition(
                Repartitioned.<String, SigmaMatch>as(SIGMA_MATCHES)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new JsonSerde<>(SigmaMatch.class)))
            .process(new SigmaSignalsSupplier(), Named.as("sigma-repeats-and-correlations"));
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
        .filter(
            (key, signal) -> !settings.allowList().suppresses(signal.getEntities()),
            Named.as("drop-allow-listed-signals"))
        .merge(sigmaSignals, Named.as("merge-sigma-signals"))
        .processValues(
            () -> new SignalStamp(SERVICE, topics.signals().eventType()),
            Named.as("stamp-signal-cloudevents"));
  }

  /** The repartition topic of Sigma matches (keyed by cluster), after the application id. */
  public static final String SIGMA_MATCHES = "sigma-matches";

  private <T extends SpecificRecord> KStream<String, SigmaMatch> sigmaIn(
      KStream<String, T> evidence,
      Topic<String, T> topic,
      Function<T, EvidenceFacts> facts,
      String name) {
    SigmaDetector.InvalidEvidence invalid = invalidEvidence(topic);
    return evidence.process(
        () ->
            new SigmaDetector<T>(
                sigmaRules,
                settings.allowList(),
                facts,
                topics.signals().valueSerde().serializer(),
                topics.signals().name(),
                invalid,
                meters,
                name),
        Named.as("sigma-match-" + name));
  }

  /** Logs evidence whose raw object is not JSON and dead-letters it (Avro bytes, as read). */
  private <T> SigmaDetector.InvalidEvidence invalidEvidence(Topic<String, T> topic) {
    return (context, record, error) -> {
      Optional<RecordMetadata> metadata = context.recordMetadata();
      String where =
          metadata
              .map(m -> m.topic() + "/" + m.partition() + "/" + m.offset())
              .orElse(topic.name());
      log.warn(
          "evidence {} has a raw object that is not valid JSON ({}); rules that read it do not"
              + " match, the others still run",
          where,
          error.getMessage());
      if (deadLetters == null) {
        return;
      }
      try {
        @SuppressWarnings("unchecked")
        T value = (T) record.value();
        deadLetters.accept(
            new DeadLetter(
                where,
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                topic.valueSerde().serializer().serialize(topic.name(), value),
                record.headers(),
                metadata.map(RecordMetadata::topic).orElse(topic.name()),
                metadata.map(RecordMetadata::partition).orElse(-1),
                metadata.map(RecordMetadata::offset).orElse(-1L),
                SERVICE,
                INVALID_RAW_OBJECT,
                error.getMessage(),
                Instant.ofEpochMilli(record.timestamp())));
      } catch (RuntimeException e) {
        log.error("could not dead-letter evidence {}; it was still evaluated", where, e);
      }
    };
  }

  private final class SigmaSignalsSupplier
      implements ProcessorSupplier<String, SigmaMatch, String, Signal> {

    @Override
    public Processor<String, SigmaMatch, String, Signal> get() {
      return new SigmaSignalProcessor(
          sigmaRules,
          settings,
          topics.signals().valueSerde(),
          topics.signals().name(),
          Map.of(
              EvidenceSource.AUDIT, topics.audit().name(),
              EvidenceSource.ADMISSION, topics.admission().name(),
              EvidenceSource.RUNTIME, topics.runtime().name()),
          meters);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(SigmaSignalProcessor.REPEAT_STORE),
              Serdes.String(),
              new JsonSerde<>(RepeatState.class)),
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(SigmaSignalProcessor.CORRELATION_STORE),
              Serdes.String(),
              new JsonSerde<>(CorrelationGroup.class)));
    }
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
