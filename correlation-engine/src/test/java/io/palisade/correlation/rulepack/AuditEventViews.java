package io.palisade.correlation.rulepack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the three log shapes of Panther's Kubernetes tests into the native audit {@code Event} the
 * pack's audit rules read: EKS logs are native already; AKS wraps the native event as JSON text in
 * {@code properties.log} (an Azure activity that is not a {@code kube-audit} record becomes an
 * empty event); GKE logs are Cloud Audit Logs ({@code protoPayload}) and are rebuilt field by field
 * (method name → verb, resource and subresource; resource name → namespace and name; principal →
 * user; caller IP and user agent; status or a refused authorisation → response code;
 * request/response objects). A GKE entry that is not a Kubernetes API call becomes an empty event.
 */
final class AuditEventViews {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private AuditEventViews() {}

  static JsonNode toAuditEvent(String logType, JsonNode log) {
    return switch (logType) {
      case "Amazon.EKS.Audit" -> log;
      case "Azure.MonitorActivity" -> fromAks(log);
      case "GCP.AuditLog" -> fromGke(log.path("protoPayload"));
      default -> throw new IllegalArgumentException("unknown Panther log type " + logType);
    };
  }

  private static JsonNode fromAks(JsonNode log) {
    JsonNode wrapped = log.path("properties").path("log");
    return wrapped.isString()
        ? MAPPER.readTree(wrapped.stringValue())
        : MAPPER.createObjectNode().put("kind", "Event");
  }

  private static JsonNode fromGke(JsonNode payload) {
    ObjectNode event = MAPPER.createObjectNode();
    event.put("kind", "Event");
    String method = payload.path("methodName").stringValue("");
    if (!method.startsWith("io.k8s.")) {
      return event;
    }
    String[] parts = method.split("\\.");
    String verb = parts[parts.length - 1];
    String resourceName = payload.path("resourceName").stringValue("");
    event.put("apiVersion", "audit.k8s.io/v1");
    event.put("stage", "ResponseComplete");
    event.put("verb", parts.length <= 3 ? "get" : verb);

    ObjectNode objectRef = event.putObject("objectRef");
    String uri;
    if (parts.length <= 3) {
      uri = resourceName.startsWith("/") ? resourceName : "/" + parts[2];
    } else {
      String[] path = resourceName.split("/");
      String group = path.length > 0 ? path[0] : parts[2];
      int at = 2;
      if (path.length > at + 1 && path[at].equals("namespaces") && path.length > at + 2) {
        objectRef.put("namespace", path[at + 1]);
        at += 2;
      }
      String resource = parts[4];
      objectRef.put("resource", resource);
      if (path.length > at + 1 && path[at].equals(resource)) {
        objectRef.put("name", path[at + 1]);
      }
      if (parts.length == 7) {
        objectRef.put("subresource", parts[5]);
      }
      if (!group.equals("core")) {
        objectRef.put("apiGroup", group);
      }
      uri = (group.equals("core") ? "/api/" : "/apis/") + resourceName.replaceFirst("^core/", "");
    }
    event.put("requestURI", uri);

    JsonNode authentication = payload.path("authenticationInfo");
    String user = authentication.path("principalEmail").stringValue(null);
    if (user == null) {
      user = authentication.path("authoritySelector").stringValue(null);
    }
    if (user != null) {
      event.putObject("user").put("username", user);
    }
    JsonNode metadata = payload.path("requestMetadata");
    String ip = metadata.path("callerIP").stringValue(metadata.path("callerIp").stringValue(null));
    ArrayNode sourceIps = event.putArray("sourceIPs");
    if (ip != null) {
      sourceIps.add(ip);
    }
    String agent = metadata.path("callerSuppliedUserAgent").stringValue(null);
    if (agent != null) {
      event.put("userAgent", agent);
    }
    boolean refused = false;
    for (JsonNode authorization : payload.path("authorizationInfo")) {
      refused |=
          authorization.path("granted").isBoolean()
              && !authorization.path("granted").booleanValue();
    }
    int code = grpcToHttp(payload.path("status").path("code").asInt(0), verb);
    if (refused && code < 400) {
      code = 403;
    }
    event.putObject("responseStatus").put("code", code);
    event
        .putObject("annotations")
        .put("authorization.k8s.io/decision", code == 403 ? "forbid" : "allow");
    if (payload.has("request")) {
      event.set("requestObject", payload.get("request"));
    }
    if (payload.has("response")) {
      event.set("responseObject", payload.get("response"));
    }
    return event;
  }

  private static int grpcToHttp(int grpc, String verb) {
    return switch (grpc) {
      case 0 -> verb.equals("create") ? 201 : 200;
      case 3 -> 400;
      case 5 -> 404;
      case 6 -> 409;
      case 7 -> 403;
      case 16 -> 401;
      default -> 500;
    };
  }
}
