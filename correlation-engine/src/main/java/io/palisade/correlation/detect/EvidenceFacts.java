package io.palisade.correlation.detect;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.EvidenceSource;
import io.palisade.avro.RuntimeAlert;
import java.time.Instant;

/**
 * What a signal takes from its evidence record, whatever the record type.
 *
 * @param signalKey what identifies the evidence for signal ids: the audit ID for audit events (so
 *     the stages of one request give one signal), the record id otherwise
 */
record EvidenceFacts(
    EvidenceSource source,
    String topic,
    String id,
    String signalKey,
    String cluster,
    Instant eventTime,
    Instant ingestTime) {

  static EvidenceFacts of(AuditEvent event, String topic) {
    return new EvidenceFacts(
        EvidenceSource.AUDIT,
        topic,
        event.getId(),
        event.getAuditId(),
        event.getCluster(),
        event.getEventTime(),
        event.getIngestTime());
  }

  static EvidenceFacts of(AdmissionDecision decision, String topic) {
    return new EvidenceFacts(
        EvidenceSource.ADMISSION,
        topic,
        decision.getId(),
        decision.getId(),
        decision.getCluster(),
        decision.getEventTime(),
        decision.getIngestTime());
  }

  static EvidenceFacts of(RuntimeAlert alert, String topic) {
    return new EvidenceFacts(
        EvidenceSource.RUNTIME,
        topic,
        alert.getId(),
        alert.getId(),
        alert.getCluster(),
        alert.getEventTime(),
        alert.getIngestTime());
  }
}
