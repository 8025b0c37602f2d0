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
 * Turns one {@code audit.k8s.io} {@code Event} (v1 or v1beta1) into an {@link AuditEvent}. Required
 * are {@code auditID}, {@code stage}, {@code verb} and {@code user}; everything else is taken when
 * present. Request and response objects are redacted before they are kept as compact JSON.
 */
public final class AuditEventNormalizer {

  public static final String INTAKE_WEBHOOK = "webhook";

  private final AuditRedactor redactor;
  private final JsonMapper json;

  public AuditEventNormalizer(AuditRedactor redactor, JsonMapper json) {
    this.redactor = redactor;
    this.json = json;
  }

  /**
   * @param where how error messages name this event, e.g. {@code items[3]}
   * @param ingestTime when Palisade received it; also the event time of last resort
   */
  public AuditEvent normalize(JsonNode event, String where, String cluster, Instant ingestTime) {
    String auditId = requiredText(event, "auditID", where);
    String stage = requiredText(event, "stage", where);
    String verb = requiredText(event, "verb", where);
    JsonNode user = event.get("user");
    if (user == null || user.isNull()) {
      throw missing(where, "user");
    }
    if (!user.isObject()) {
      throw new InvalidEvidenceException(
          "invalid-field", where + ": field 'user' must be an object (a UserInfo)");
    }
    ObjectReference ref = objectRef(event.get("objectRef"));
    String resource = ref == null ? null : ref.getResource();
    String subresource = ref == null ? null : ref.getSubresource();
    JsonNode impersonated = event.get("impersonatedUser");
    JsonNode code = event.path("responseStatus").path("code");
    return AuditEvent.newBuilder()
        .setId(auditId + "/" + stage)
        .setCluster(cluster)
        .setEventTime(eventTime(event).orElse(ingestTime))
        .setIngestTime(ingestTime)
        .setAuditId(auditId)
        .setStage(stage)
        .setLevel(Optional.ofNullable(text(event.get("level"))).orElse("Metadata"))
        .setVerb(verb)
        .setRequestUri(Optional.ofNullable(text(event.get("requestURI"))).orElse(""))
        .setUser(userInfo(user))
        .setImpersonatedUser(
            impersonated != null && impersonated.isObject() ? userInfo(impersonated) : null)
        .setSourceIps(strings(event.get("sourceIPs")))
        .setUserAgent(text(event.get("userAgent")))
        .setObjectRef(ref)
        .setResponseCode(code.isIntegralNumber() && code.canConvertToInt() ? code.asInt() : null)
        .setRequestObjectJson(
            compact(redactor.redact(resource, subresource, event.get("requestObject"))))
        .setResponseObjectJson(
            compact(redactor.redact(resource, subresource, event.get("responseObject"))))
        .setAnnotations(stringMap(event.get("annotations")))
        .setIntakeFormat(INTAKE_WEBHOOK)
        .build();
  }

  /** stageTimestamp, else requestReceivedTimestamp, else the legacy v1beta1 timestamp. */
  private static Optional<Instant> eventTime(JsonNode event) {
    for (String field : List.of("stageTimestamp", "requestReceivedTimestamp", "timestamp")) {
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

  private String compact(JsonNode object) {
    return object == null || object.isNull() || object.isMissingNode()
        ? null
        : json.writeValueAsString(object);
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

  private static String requiredText(JsonNode event, String field, String where) {
    JsonNode node = event.get(field);
    if (node == null || node.isNull() || (node.isString() && node.asString().isEmpty())) {
      throw missing(where, field);
    }
    if (!node.isString()) {
      throw new InvalidEvidenceException(
          "invalid-field", where + ": field '" + field + "' must be a string");
    }
    return node.asString();
  }

  private static InvalidEvidenceException missing(String where, String field) {
    return new InvalidEvidenceException(
        "missing-field", where + ": missing required field '" + field + "'");
  }
}
