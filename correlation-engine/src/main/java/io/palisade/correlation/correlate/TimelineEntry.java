package io.palisade.correlation.correlate;

import io.palisade.avro.EvidenceRef;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.Severity;
import io.palisade.avro.Signal;
import io.palisade.avro.SignalSummary;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** One signal on an incident's timeline, as incident state keeps it. */
record TimelineEntry(
    String signalId,
    String ruleId,
    String title,
    Severity severity,
    Instant eventTime,
    String tactic,
    List<String> techniques,
    EvidenceSource source,
    String topic,
    String evidenceId,
    String summary) {

  /** Event-time order; the signal id breaks ties so the order never depends on arrival. */
  static final Comparator<TimelineEntry> EVENT_TIME_ORDER =
      Comparator.comparing(TimelineEntry::eventTime).thenComparing(TimelineEntry::signalId);

  static TimelineEntry of(Signal signal) {
    EvidenceRef evidence = signal.getEvidence();
    return new TimelineEntry(
        signal.getId(),
        signal.getRuleId(),
        signal.getTitle(),
        signal.getSeverity(),
        signal.getEventTime(),
        signal.getTactic(),
        List.copyOf(signal.getTechniques()),
        evidence.getSource(),
        evidence.getTopic(),
        evidence.getId(),
        evidence.getSummary());
  }

  SignalSummary toAvro() {
    return SignalSummary.newBuilder()
        .setId(signalId)
        .setRuleId(ruleId)
        .setTitle(title)
        .setSeverity(severity)
        .setEventTime(eventTime)
        .setTactic(tactic)
        .setTechniques(techniques)
        .setEvidence(
            EvidenceRef.newBuilder()
                .setSource(source)
                .setTopic(topic)
                .setId(evidenceId)
                .setSummary(summary)
                .build())
        .build();
  }
}
