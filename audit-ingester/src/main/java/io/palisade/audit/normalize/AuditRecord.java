package io.palisade.audit.normalize;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * An audit event in the native {@code audit.k8s.io} {@code Event} shape, as it was sent or as it
 * was unwrapped from a cloud log record, with what the normaliser needs to know about its origin.
 *
 * @param event the event, native field names
 * @param format how it reached Palisade
 * @param fallbackTime the wrapper's time, used when the event carries no timestamp; may be null
 * @param sourceFields for wrapped records, the wrapper's name of a native field (e.g. {@code user}
 *     is {@code protoPayload.authenticationInfo.principalEmail} in GKE), so that errors name what
 *     the sender actually sent
 */
public record AuditRecord(
    JsonNode event, IntakeFormat format, Instant fallbackTime, Map<String, String> sourceFields) {

  public AuditRecord {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(format, "format");
    sourceFields = sourceFields == null ? Map.of() : Map.copyOf(sourceFields);
  }

  /** A native event, exactly as sent. */
  public static AuditRecord of(JsonNode event, IntakeFormat format) {
    return new AuditRecord(event, format, null, Map.of());
  }

  /** How an error message names a native field of this record. */
  String describe(String field) {
    String source = sourceFields.get(field);
    return source == null ? "'" + field + "'" : "'" + field + "' (" + source + ")";
  }
}
