package io.palisade.audit.logfile;

import io.palisade.avro.AuditEvent;
import io.palisade.intake.Evidence;
import io.palisade.intake.EvidencePublisher;
import io.palisade.schemas.Topic;
import java.util.List;

/**
 * Where the tailer's batches go. Returns only once Kafka acknowledged every record, else throws.
 */
@FunctionalInterface
public interface BatchPublisher {

  void publish(List<Evidence<AuditEvent>> batch);

  /** Publishes to {@code topic} through the shared {@link EvidencePublisher}. */
  static BatchPublisher to(EvidencePublisher publisher, Topic<String, AuditEvent> topic) {
    return batch -> publisher.publishAll(topic, batch);
  }
}
