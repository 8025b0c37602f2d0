package io.palisade.audit.webhook;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.ClusterName;
import io.palisade.intake.Evidence;
import io.palisade.intake.EvidencePublisher;
import io.palisade.schemas.Topic;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One webhook request, start to end: read the events, normalise (and redact) every one of them, and
 * publish the batch. Nothing is published unless every event is valid, and the call returns only
 * once Kafka acknowledged every record, so a 200 means the batch is durable.
 */
public final class AuditIntake {

  private final EventListReader reader;
  private final AuditEventNormalizer normalizer;
  private final EvidencePublisher publisher;
  private final Topic<String, AuditEvent> topic;
  private final Clock clock;

  public AuditIntake(
      EventListReader reader,
      AuditEventNormalizer normalizer,
      EvidencePublisher publisher,
      Topic<String, AuditEvent> topic,
      Clock clock) {
    this.reader = reader;
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.topic = topic;
    this.clock = clock;
  }

  /** Publishes the events of {@code body} for {@code cluster}; returns how many there were. */
  public int accept(byte[] body, String cluster) {
    ClusterName.require(cluster);
    List<JsonNode> events = reader.read(body);
    Instant ingestTime = clock.instant();
    List<Evidence<AuditEvent>> batch = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      AuditEvent event =
          normalizer.normalize(events.get(i), "items[" + i + "]", cluster, ingestTime);
      batch.add(AuditEvidence.of(event, topic.eventType()));
    }
    if (!batch.isEmpty()) {
      publisher.publishAll(topic, batch);
    }
    return batch.size();
  }
}
