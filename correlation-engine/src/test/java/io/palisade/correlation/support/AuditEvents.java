package io.palisade.correlation.support;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.UserInfo;
import io.palisade.testkit.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a raw {@code audit.k8s.io} Event (a real fixture) into the {@link AuditEvent} the
 * audit-ingester publishes: id = auditID/stage, event time = stageTimestamp (else
 * requestReceivedTimestamp, else the v1beta1 timestamp), request and response objects as JSON.
 */
public final class AuditEvents {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  public static final Instant INGESTED = Instant.parse("2026-01-01T00:00:00Z");

  private AuditEvents() {}

  public static AuditEvent fixture(String area, String cluster) {
    return fromJson(Fixtures.text("audit/" + area + "/input.json").strip(), cluster);
  }

  public static AuditEvent fromJson(String json, String cluster) {
    JsonNode event = MAPPER.readTree(json);
    String auditId = text(event, "auditID");
    String stage = text(event, "stage");
    JsonNode user = event.path("user");
    JsonNode ref = event.path("objectRef");
    JsonNode code = event.path("responseStatus").path("code");
    return AuditEvent.newBuilder()
        .setId(auditId + "/" + stage)
        .setCluster(cluster)
        .setEventTime(eventTime(event))
        .setIngestTime(INGESTED)
        .setAuditId(auditId)
        .setStage(stage)
        .setLevel(text(event, "level"))
        .setVerb(text(event, "verb"))
        .setRequestUri(text(event, "requestURI") == null ? "" : text(event, "requestURI"))
        .setUser(userInfo(user))
        .setSourceIps(strings(event.path("sourceIPs")))
        .setUserAgent(text(event, "userAgent"))
        .setObjectRef(
            ref.isObject()
                ? ObjectReference.newBuilder()
                    .setResource(text(ref, "resource"))
                    .setNamespace(text(ref, "namespace"))
                    .setName(text(ref, "name"))
                    .setApiGroup(text(ref, "apiGroup"))
                    .setApiVersion(text(ref, "apiVersion"))
                    .setSubresource(text(ref, "subresource"))
                    .build()
                : null)
        .setResponseCode(code.isInt() ? code.intValue() : null)
        .setRequestObjectJson(json(event.path("requestObject")))
        .setResponseObjectJson(json(event.path("responseObject")))
        .setAnnotations(annotations(event.path("annotations")))
        .build();
  }

  private static Instant eventTime(JsonNode event) {
    for (String field : List.of("stageTimestamp", "requestReceivedTimestamp", "timestamp")) {
      String value = text(event, field);
      if (value != null) {
        return Instant.parse(value);
      }
    }
    return INGESTED;
  }

  private static UserInfo userInfo(JsonNode user) {
    return UserInfo.newBuilder()
        .setUsername(text(user, "username") == null ? "" : text(user, "username"))
        .setUid(text(user, "uid"))
        .setGroups(strings(user.path("groups")))
        .setExtra(extra(user.path("extra")))
        .build();
  }

  private static Map<String, List<String>> extra(JsonNode extra) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    extra.properties().forEach(e -> map.put(e.getKey(), strings(e.getValue())));
    return map;
  }

  private static Map<String, String> annotations(JsonNode annotations) {
    Map<String, String> map = new LinkedHashMap<>();
    annotations.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
    return map;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  private static String json(JsonNode node) {
    return node.isObject() ? node.toString() : null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? value.stringValue() : null;
  }
}
