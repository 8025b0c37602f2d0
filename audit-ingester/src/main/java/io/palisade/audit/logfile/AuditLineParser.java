package io.palisade.audit.logfile;

import io.palisade.audit.filter.NoiseFilter;
import io.palisade.audit.normalize.AuditEventJson;
import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.audit.normalize.IntakeFormat;
import io.palisade.audit.normalize.NativeEvents;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.Evidence;
import io.palisade.intake.InvalidEvidenceException;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one line of the API server's JSON audit log ({@code --audit-log-format=json}: one {@code
 * Event} per line) into a record, with the same normaliser, redaction and noise filter as the
 * webhook; its {@code intakeFormat} is {@code logfile}.
 */
public final class AuditLineParser {

  private final AuditEventJson events;
  private final AuditEventNormalizer normalizer;
  private final NoiseFilter noiseFilter;
  private final String cluster;
  private final String eventType;

  /**
   * @param noiseFilter drops what the webhook would drop too
   * @param cluster the cluster whose API server writes the file
   * @param eventType the CloudEvents type of the audit topic
   */
  public AuditLineParser(
      JsonMapper json,
      AuditEventNormalizer normalizer,
      NoiseFilter noiseFilter,
      String cluster,
      String eventType) {
    this.events = new AuditEventJson(json);
    this.normalizer = normalizer;
    this.noiseFilter = noiseFilter;
    this.cluster = cluster;
    this.eventType = eventType;
  }

  /**
   * The records of one line.
   *
   * @param where how errors name the line, e.g. {@code /var/log/audit.log@1234}
   * @throws InvalidEvidenceException (or another runtime exception of the reader) when the line is
   *     not a valid audit event
   */
  List<Evidence<AuditEvent>> parse(byte[] line, String where, Instant ingestTime) {
    JsonNode node;
    try {
      node = events.read(line);
    } catch (JacksonException e) {
      throw new InvalidEvidenceException(
          "malformed-json", where + " is not valid JSON: " + e.getOriginalMessage());
    }
    AuditEvent event =
        normalizer.normalize(
            NativeEvents.recognise(node, IntakeFormat.LOGFILE, where), where, cluster, ingestTime);
    if (noiseFilter.drops(event).isPresent()) {
      return List.of();
    }
    return List.of(AuditEvidence.of(event, eventType));
  }
}
