package io.palisade.audit.webhook;

import io.palisade.audit.filter.NoiseFilter;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.audit.normalize.AuditRecord;
import io.palisade.audit.normalize.PlainAuditEvent;
import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.ClusterName;
import io.palisade.intake.Evidence;
import io.palisade.intake.EvidencePublisher;
import io.palisade.intake.InvalidEvidenceException;
import io.palisade.schemas.DeadLetter;
import io.palisade.schemas.PalisadeTopics;
import io.palisade.schemas.Topic;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One intake request, start to end: read the body's items, normalise (and redact) each, drop the
 * noise, and publish the events together with the dead letters of the items that were not valid
 * events. One bad item never loses its neighbours, and the call returns only once Kafka
 * acknowledged every record, so a 200 means the whole request is durable.
 *
 * <p>A dead letter keeps the item's bytes as they arrived, except that an item that could be read
 * as JSON is redacted like any event first: a refused Secret event must not leak through the
 * dead-letter topic. Bytes that are not JSON cannot be redacted and are kept as they are. An event
 * that is valid but larger than {@code palisade.intake.limits.max-event-size} as published becomes
 * a dead letter ({@code event-too-large}) holding the start of its (redacted) record.
 */
public final class AuditIntake {

  /** What the body holds. */
  public enum BodyFormat {
    /** {@code application/json}: an EventList, an Event or an array of events. */
    EVENT_LIST,
    /** {@code application/x-ndjson}: one record per line. */
    NDJSON
  }

  private static final String EVENT_TOO_LARGE = "event-too-large";

  private final EventListReader eventLists;
  private final NdjsonReader ndjson;
  private final AuditEventNormalizer normalizer;
  private final AuditRedactor redactor;
  private final NoiseFilter filter;
  private final EvidencePublisher publisher;
  private final Topic<String, AuditEvent> topic;
  private final Topic<byte[], byte[]> deadLetterTopic;
  private final JsonMapper json;
  private final Clock clock;

  public AuditIntake(
      EventListReader eventLists,
      NdjsonReader ndjson,
      AuditEventNormalizer normalizer,
      AuditRedactor redactor,
      NoiseFilter filter,
      EvidencePublisher publisher,
      PalisadeTopics topics,
      JsonMapper json,
      Clock clock) {
    this.eventLists = eventLists;
    this.ndjson = ndjson;
    this.normalizer = normalizer;
    this.redactor = redactor;
    this.filter = filter;
    this.publisher = publisher;
    this.topic = topics.audit();
    this.deadLetterTopic = topics.deadLetter();
    this.json = json;
    this.clock = clock;
  }

  /**
   * Publishes the events of {@code body} for {@code cluster}.
   *
   * @param origin how dead letters name the request, e.g. {@code POST /v1/audit/prod}
   * @throws InvalidEvidenceException when the body as a whole is not what the format promises
   */
  public IntakeResult accept(byte[] body, BodyFormat format, String cluster, String origin) {
    ClusterName.require(cluster);
    List<AuditItem> items = format == BodyFormat.NDJSON ? ndjson.read(body) : eventLists.read(body);
    Instant ingestTime = clock.instant();
    List<Evidence<AuditEvent>> events = new ArrayList<>(items.size());
    List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    TreeMap<String, Integer> filtered = new TreeMap<>();
    TreeMap<String, Integer> refused = new TreeMap<>();
    for (AuditItem item : items) {
      AuditRecord record = null;
      try {
        PlainAuditEvent plain = publishableAsRead(item, redactor);
        AuditEvent event;
        if (plain != null) {
          event = plain.toAuditEvent(cluster, ingestTime);
        } else {
          record = item.record().get();
          event = normalizer.normalize(record, item.where(), cluster, ingestTime);
        }
        Optional<String> rule = filter.drops(event);
        if (rule.isPresent()) {
          filtered.merge(rule.get(), 1, Integer::sum);
        } else {
          events.add(AuditEvidence.of(event, topic.eventType()));
        }
      } catch (InvalidEvidenceException e) {
        refused.merge(e.reason(), 1, Integer::sum);
        deadLetters.add(deadLetter(item, record, e, origin, cluster, ingestTime));
      }
    }
    int published = 0;
    if (!events.isEmpty() || !deadLetters.isEmpty()) {
      published =
          publisher.publishAll(
              topic,
              events,
              deadLetters,
              (evidence, value, message) -> {
                // already redacted: the record's own bytes are what the dead letter keeps
                refused.merge(EVENT_TOO_LARGE, 1, Integer::sum);
                return DeadLetter.ofInput(
                        origin + " " + evidence.event().id(),
                        value,
                        AuditEvidence.SERVICE,
                        EVENT_TOO_LARGE,
                        message + "; the dead letter keeps the start of its Avro record",
                        ingestTime)
                    .toProducerRecord(deadLetterTopic, cluster);
              });
    }
    return new IntakeResult(published, filtered, refused);
  }

  /**
   * The item's plain event when it can be published as read: it has the plain shape and needs no
   * redaction, so {@link PlainAuditEvent#toAuditEvent} gives the record the normaliser would make
   * of its tree, without the tree. Null when the item must go through the normaliser.
   */
  static PlainAuditEvent publishableAsRead(AuditItem item, AuditRedactor redactor) {
    PlainAuditEvent plain = item.plain();
    return plain != null && !redactor.mayNeedRedaction(plain) ? plain : null;
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      AuditItem item,
      AuditRecord record,
      InvalidEvidenceException error,
      String origin,
      String cluster,
      Instant now) {
    byte[] stored = item.raw();
    String message = error.getMessage();
    JsonNode parsed = record != null ? record.event() : item.parsed();
    if (parsed != null) {
      JsonNode redacted = redactor.redactAnywhere(parsed);
      if (redacted != parsed) {
        stored = json.writeValueAsBytes(redacted);
        message += " (stored as JSON with its secret values redacted)";
      }
    }
    return DeadLetter.ofInput(
            origin + " " + item.where(),
            stored,
            AuditEvidence.SERVICE,
            error.reason(),
            message,
            now)
        .toProducerRecord(deadLetterTopic, cluster);
  }
}
