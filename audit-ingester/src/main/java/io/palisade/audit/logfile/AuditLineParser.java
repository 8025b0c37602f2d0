package io.palisade.audit.logfile;

import io.palisade.audit.normalize.AuditEventNormalizer;
import io.palisade.audit.normalize.AuditEvidence;
import io.palisade.audit.webhook.EventListReader;
import io.palisade.avro.AuditEvent;
import io.palisade.intake.Evidence;
import io.palisade.intake.InvalidEvidenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns one line of the API server's JSON audit log ({@code --audit-log-format=json}: one {@code
 * Event} per line) into records, with the same reader, normaliser and redaction as the webhook.
 * Only {@code intakeFormat} differs: {@value #INTAKE_LOGFILE}.
 */
public final class AuditLineParser {

  public static final String INTAKE_LOGFILE = "logfile";

  private final EventListReader reader;
  private final AuditEventNormalizer normalizer;
  private final String cluster;
  private final String eventType;

  /**
   * @param reader reads the line's JSON; it accepts one {@code Event} (and, leniently, a list)
   * @param cluster the cluster whose API server writes the file
   * @param eventType the CloudEvents type of the audit topic
   */
  public AuditLineParser(
      EventListReader reader, AuditEventNormalizer normalizer, String cluster, String eventType) {
    this.reader = reader;
    this.normalizer = normalizer;
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
    List<JsonNode> events = reader.read(line);
    List<Evidence<AuditEvent>> records = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      String name = events.size() == 1 ? where : where + " items[" + i + "]";
      AuditEvent event = normalizer.normalize(events.get(i), name, cluster, ingestTime);
      event.setIntakeFormat(INTAKE_LOGFILE);
      records.add(AuditEvidence.of(event, eventType));
    }
    return records;
  }
}
