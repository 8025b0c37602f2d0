package io.palisade.audit.normalize;

import io.palisade.intake.InvalidEvidenceException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recognises what a log shipper (Fluent Bit, Vector, …) forwards, one JSON object per line, and
 * returns it as a native audit event:
 *
 * <ul>
 *   <li>a GKE Cloud Logging {@code LogEntry} (it has a {@code protoPayload}): mapped by {@link
 *       GkeAuditLogMapper}, format {@code gke}
 *   <li>an AKS diagnostic record ({@code category} {@code kube-audit} or {@code kube-audit-admin},
 *       the event in {@code properties.log} as an object or as a JSON string): unwrapped, format
 *       {@code aks}; the record's {@code time} is the event time of last resort
 *   <li>anything else must be a native {@code Event} (EKS, self-managed API servers), format {@code
 *       ndjson}
 * </ul>
 */
public final class ShippedRecordMapper {

  private static final Set<String> AKS_CATEGORIES = Set.of("kube-audit", "kube-audit-admin");

  private final JsonMapper json;
  private final GkeAuditLogMapper gke;

  public ShippedRecordMapper(JsonMapper json) {
    this.json = json;
    this.gke = new GkeAuditLogMapper(json);
  }

  /**
   * @param line the parsed line
   * @param raw the line's bytes
   * @param where how errors name the line, e.g. {@code line 7}
   * @throws InvalidEvidenceException when the line is none of the accepted forms
   */
  public AuditRecord map(JsonNode line, byte[] raw, String where) {
    if (line.isObject() && line.has("protoPayload")) {
      return gke.map(line, raw, where);
    }
    if (line.isObject() && (line.has("category") || line.path("properties").has("log"))) {
      return aks(line, where);
    }
    return NativeEvents.recognise(line, IntakeFormat.NDJSON, where);
  }

  private AuditRecord aks(JsonNode record, String where) {
    String category = NativeEvents.text(record.get("category"));
    JsonNode log = record.path("properties").get("log");
    if ((category != null && !AKS_CATEGORIES.contains(category)) || log == null) {
      throw new InvalidEvidenceException(
          "unsupported-record",
          where
              + ": an Azure diagnostic record of category '"
              + category
              + "' without an audit event; send kube-audit or kube-audit-admin records");
    }
    JsonNode event = log;
    if (log.isString()) {
      try {
        event = json.readTree(log.asString());
      } catch (JacksonException e) {
        throw new InvalidEvidenceException(
            "malformed-json",
            where + ": properties.log is not valid JSON: " + e.getOriginalMessage());
      }
    }
    if (event == null || !event.isObject()) {
      throw new InvalidEvidenceException(
          "invalid-event",
          where + ": properties.log must be an audit Event, as an object or as a JSON string");
    }
    NativeEvents.recognise(event, IntakeFormat.AKS, where + " properties.log");
    Instant time = AuditTimestamps.parse(NativeEvents.text(record.get("time"))).orElse(null);
    return new AuditRecord(event, IntakeFormat.AKS, time, Map.of());
  }
}
