package io.palisade.audit.normalize;

import io.palisade.audit.redact.AuditRedactor;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.UserInfo;
import io.palisade.intake.InvalidEvidenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one {@code audit.k8s.io} {@code Event} (v1 or v1beta1, native or unwrapped from a cloud log
 * record) into an {@link AuditEvent}. Required are {@code auditID}, {@code stage}, {@code verb}
 * (strings) and {@code user} (an object); {@code objectRef}, when present, must be an object.
 * Everything else is taken when present. The event is checked first and then redacted, so that a
 * refused event costs nothing more and secret values never reach the record.
 */
public final class AuditEventNormalizer {

  /** Kept for callers that predate {@link IntakeFormat}. */
  public static final String INTAKE_WEBHOOK = IntakeFormat.WEBHOOK.value();

  private static final List<String> TIME_FIELDS =
      List.of("stageTimestamp", "requestReceivedTimestamp", "timestamp");

  private final AuditRedactor redactor;
  private final JsonMapper json;

  public AuditEventNormalizer(AuditRedactor redactor, JsonMapper json) {
    this.redactor = redactor;
    this.json = json;
  }

  /** A native event that came through the webhook. */
  public AuditEvent normalize(JsonNode event, String where, String cluster, Instant ingestTime) {
    return normalize(AuditRecord.of(event, IntakeFormat.WEBHOOK), where, cluster, ingestTime);
  }

  /**
   * @param where how error messages name this event, e.g. {@code items[3]} or {@code line 7}
   * @param ingestTime when Palisade received it; also the event time of last resort
   * @throws InvalidEvidenceException naming {@code where} and the field when the event is invalid
   */
  public AuditEvent normalize(
      AuditRecord record, String where, String cluster, Instant ingestTime) {
    JsonNode event = record.event();
    if (!event.isObject()) {
      throw new InvalidEvidenceException(
          "invalid-event",
          where + " is not a JSON object but a " + event.getNodeType().name().toLowerCase());
    }
    String auditId = requiredText(record, "auditID", where);
    String stage = requiredText(record, "stage", where);
    String verb = requiredText(record, "verb", where);
    requiredObject(record, "user", where);
    JsonNode refNode = event.get("objectRef");
    if (refNode != null && !refNode.isNull() && !refNode.isObject()) {
      throw invalidField(record, "objectRef", where, "an object (an ObjectReference)");
    }

    JsonNode redacted = redactor.redactEvent(event);
    ObjectReference ref = objectRef(redacted.get("objectRef"));
    JsonNode impersonated = redacted.get("impersonatedUser");
    JsonNode code = redacted.path("responseStatus").path("code");
    return AuditEvent.newBuilder()
        .setId(auditId + "/" + stage)
        .setCluster(cluster)
        .setEventTime(
            eventTime(redacted)
                .or(() -> Optional.ofNullable(record.fallbackTime()))
                .orElse(ingestTime))
        .setIngestTime(ingestTime)
        .setAuditId(auditId)
        .setStage(stage)
        .setLevel(Optional.ofNullable(text(redacted.get("level"))).orElse("Metadata"))
        .setVerb(verb)
        .setRequestUri(Optional.ofNullable(text(redacted.get("requestURI"))).orElse(""))
        .setUser(userInfo(redacted.get("user")))
        .setImpersonatedUser(
            impersonated != null && impersonated.isObject() ? userInfo(impersonated) : null)
        .setSourceIps(strings(redacted.get("sourceIPs")))
        .setUserAgent(text(redacted.get("userAgent")))
        .setObjectRef(ref)
        .setResponseCode(code.isIntegralNumber() && code.canConvertToInt() ? code.asInt() : null)
        .setRequestObjectJson(compact(redacted.get("requestObject")))
        .setResponseObjectJson(compact(redacted.get("responseObject")))
        .setAnnotations(stringMap(redacted.get("annotations")))
        .setIntakeFormat(record.format().value())
        .build();
  }

  /** stageTimestamp, else requestReceivedTimestamp, else the legacy v1beta1 timestamp. */
  private static Optional<Instant> eventTime(JsonNode event) {
    for (String field : TIME_FIELDS) {
      Optional<Instant> time = AuditTimestamps.parse(text(event.get(field)));
      if (time.isPresent()) {
        return time;
      }
    }
    return Optional.empty();
  }

  private static UserInfo userInfo(JsonNode user) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    JsonNode extraNode = user.get("extra");
    if (extraNode != null && extraNode.isObject()) {
      extraNode.forEachEntry((key, values) -> extra.put(key, strings(values)));
    }
    return UserInfo.newBuilder()
        .setUsername(Optional.ofNullable(text(user.get("username"))).orElse(""))
        .setUid(text(user.get("uid")))
        .setGroups(strings(user.get("groups")))
        .setExtra(extra)
        .build();
  }

  private static ObjectReference objectRef(JsonNode ref) {
    if (ref == null || !ref.isObject()) {
      return null;
    }
    return ObjectReference.newBuilder()
        .setResource(text(ref.get("resource")))
        .setNamespace(text(ref.get("namespace")))
        .setName(text(ref.get("name")))
        .setUid(text(ref.get("uid")))
        .setApiGroup(text(ref.get("apiGroup")))
        .setApiVersion(text(ref.get("apiVersion")))
        .setResourceVersion(text(ref.get("resourceVersion")))
        .setSubresource(text(ref.get("subresource")))
        .build();
  }

  /** The body as JSON text: a raw body as it arrived, a tree written compactly. */
  private String compact(JsonNode object) {
    if (object == null || object.isNull() || object.isMissingNode()) {
      return null;
    }
    String raw = AuditEventJson.rawText(object);
    return raw != null ? raw : json.writeValueAsString(object);
  }

  /** A list of strings from an array (or a single value, as some senders flatten them). */
  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        String text = text(item);
        if (text != null) {
          values.add(text);
        }
      }
    } else {
      values.add(text(node));
    }
    return values;
  }

  private static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.forEachEntry(
          (key, value) -> {
            String text = text(value);
            map.put(key, text == null ? "" : text);
          });
    }
    return map;
  }

  /** A scalar as its text, a container as compact JSON, null or absent as null. */
  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  private static String requiredText(AuditRecord record, String field, String where) {
    JsonNode node = record.event().get(field);
    if (node == null || node.isNull() || (node.isString() && node.asString().isEmpty())) {
      throw missing(record, field, where);
    }
    if (!node.isString()) {
      throw invalidField(record, field, where, "a string");
    }
    return node.asString();
  }

  private static void requiredObject(AuditRecord record, String field, String where) {
    JsonNode node = record.event().get(field);
    if (node == null || node.isNull()) {
      throw missing(record, field, where);
    }
    if (!node.isObject()) {
      throw invalidField(record, field, where, "an object (a UserInfo)");
    }
  }

  private static InvalidEvidenceException missing(AuditRecord record, String field, String where) {
    return new InvalidEvidenceException(
        "missing-field", where + ": missing required field " + record.describe(field));
  }

  private static InvalidEvidenceException invalidField(
      AuditRecord record, String field, String where, String expected) {
    return new InvalidEvidenceException(
        "invalid-field", where + ": field " + record.describe(field) + " must be " + expected);
  }
}
