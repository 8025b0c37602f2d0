package io.palisade.correlation.detect;

import io.palisade.avro.AdmissionDecision;
import io.palisade.avro.AuditEvent;
import io.palisade.avro.FalcoPriority;
import io.palisade.avro.ObjectReference;
import io.palisade.avro.PolicyViolation;
import io.palisade.avro.RuntimeAlert;
import io.palisade.avro.UserInfo;
import io.palisade.correlation.sigma.JsonSigmaEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON views Sigma rules see (module README, "Field names per logsource"), built from the Avro
 * evidence: the native Kubernetes audit {@code Event}, the admission decision with its Avro field
 * names, and the alert as Falco's {@code json_output} writes it. Request, response and admitted
 * objects are attached as raw JSON text, parsed only if a candidate rule reads them.
 *
 * <p>{@code withRawObjects = false} builds the view without those objects (used when one of them is
 * not valid JSON, so the rest of the event can still be evaluated).
 */
final class SigmaViews {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private SigmaViews() {}

  /** The native audit {@code Event} JSON of an audit record. */
  static JsonSigmaEvent audit(AuditEvent event, boolean withRawObjects) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("kind", "Event");
    root.put("apiVersion", "audit.k8s.io/v1");
    root.put("cluster", event.getCluster());
    root.put("auditID", event.getAuditId());
    root.put("stage", event.getStage());
    root.put("level", event.getLevel());
    root.put("verb", event.getVerb());
    root.put("requestURI", event.getRequestUri());
    root.set("user", user(event.getUser()));
    if (event.getImpersonatedUser() != null) {
      root.set("impersonatedUser", user(event.getImpersonatedUser()));
    }
    root.set("sourceIPs", strings(event.getSourceIps()));
    if (event.getUserAgent() != null) {
      root.put("userAgent", event.getUserAgent());
    }
    ObjectReference ref = event.getObjectRef();
    if (ref != null) {
      ObjectNode objectRef = root.putObject("objectRef");
      putPresent(objectRef, "resource", ref.getResource());
      putPresent(objectRef, "namespace", ref.getNamespace());
      putPresent(objectRef, "name", ref.getName());
      putPresent(objectRef, "uid", ref.getUid());
      putPresent(objectRef, "apiGroup", ref.getApiGroup());
      putPresent(objectRef, "apiVersion", ref.getApiVersion());
      putPresent(objectRef, "resourceVersion", ref.getResourceVersion());
      putPresent(objectRef, "subresource", ref.getSubresource());
    }
    if (event.getResponseCode() != null) {
      root.putObject("responseStatus").put("code", event.getResponseCode().intValue());
    }
    ObjectNode annotations = root.putObject("annotations");
    event.getAnnotations().forEach(annotations::put);
    root.put("requestReceivedTimestamp", event.getEventTime().toString());
    JsonSigmaEvent view = JsonSigmaEvent.of(root);
    if (withRawObjects) {
      view.withRawObject("requestObject", event.getRequestObjectJson())
          .withRawObject("responseObject", event.getResponseObjectJson());
    }
    return view;
  }

  /** The admission decision with its Avro field names; {@code object}/{@code oldObject} parsed. */
  static JsonSigmaEvent admission(AdmissionDecision decision, boolean withRawObjects) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", decision.getId());
    root.put("cluster", decision.getCluster());
    root.put("eventTime", decision.getEventTime().toString());
    root.put("operation", decision.getOperation());
    root.put("group", decision.getGroup());
    root.put("version", decision.getVersion());
    root.put("kind", decision.getKind());
    root.put("resource", decision.getResource());
    root.put("subResource", decision.getSubResource());
    root.put("namespace", decision.getNamespace());
    root.put("name", decision.getName());
    root.set("user", user(decision.getUser()));
    root.put("allowed", decision.getAllowed());
    ArrayNode violations = root.putArray("violations");
    for (PolicyViolation violation : decision.getViolations()) {
      violations
          .addObject()
          .put("policy", violation.getPolicy())
          .put("message", violation.getMessage())
          .put("enforced", violation.getEnforced());
    }
    root.set("warnings", strings(decision.getWarnings()));
    JsonSigmaEvent view = JsonSigmaEvent.of(root);
    if (withRawObjects) {
      view.withRawObject("object", decision.getObjectJson())
          .withRawObject("oldObject", decision.getOldObjectJson());
    }
    return view;
  }

  /** The alert as Falco's {@code json_output} writes it, plus {@code cluster}. */
  static JsonSigmaEvent falco(RuntimeAlert alert) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("time", alert.getEventTime().plusNanos(alert.getEventTimeNanos()).toString());
    root.put("rule", alert.getRule());
    root.put("priority", priorityName(alert.getPriority()));
    root.put("source", alert.getSource());
    root.put("hostname", alert.getHostname());
    root.put("output", alert.getOutput());
    root.set("tags", strings(alert.getTags()));
    ObjectNode outputFields = root.putObject("output_fields");
    for (Map.Entry<String, String> field : alert.getOutputFields().entrySet()) {
      outputFields.put(field.getKey(), field.getValue());
    }
    root.put("cluster", alert.getCluster());
    return JsonSigmaEvent.of(root);
  }

  /** Falco's own spelling of a priority: {@code Warning}, {@code Critical} … */
  static String priorityName(FalcoPriority priority) {
    String name = priority.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  private static ObjectNode user(UserInfo user) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("username", user.getUsername());
    putPresent(node, "uid", user.getUid());
    node.set("groups", strings(user.getGroups()));
    ObjectNode extra = node.putObject("extra");
    for (Map.Entry<String, List<String>> entry : user.getExtra().entrySet()) {
      extra.set(entry.getKey(), strings(entry.getValue()));
    }
    return node;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static void putPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
