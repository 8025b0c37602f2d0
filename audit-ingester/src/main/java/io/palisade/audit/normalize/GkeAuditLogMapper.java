package io.palisade.audit.normalize;

import io.palisade.intake.InvalidEvidenceException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a GKE Cloud Logging {@code LogEntry} whose {@code protoPayload} is a {@code
 * google.cloud.audit.AuditLog} of {@code serviceName} {@code k8s.io} to the native audit {@code
 * Event} shape. The mapping (see README.md, "GKE"):
 *
 * <ul>
 *   <li>{@code auditID} = {@code insertId}, else {@code operation.id} (GKE sets it to the insert
 *       id), else {@code gke-} and a hash of the record's bytes, so a resent line keeps its id
 *   <li>{@code verb} = the last segment of {@code methodName} ({@code io.k8s.core.v1.pods.create});
 *       a method without group, version and resource ({@code io.k8s.readyz}) is a non-resource
 *       {@code get}
 *   <li>{@code objectRef} and {@code requestURI} from {@code resourceName} ({@code
 *       core/v1/namespaces/ns/pods/name[/subresource]}), read the way the API server reads a path;
 *       the URI is rebuilt ({@code /api/v1/…}, {@code /apis/group/version/…}) because GKE does not
 *       log it, so it never has a query string
 *   <li>{@code user.username} = {@code authenticationInfo.principalEmail}; {@code sourceIPs} =
 *       {@code requestMetadata.callerIp}; {@code userAgent} = {@code callerSuppliedUserAgent}
 *   <li>{@code responseStatus.code}: {@code status.code} is a gRPC code, mapped to HTTP as {@code
 *       google.rpc.Code} documents it; OK is 201 for {@code create}, 101 for exec/attach and 200
 *       otherwise; no {@code status} at all leaves the code unknown
 *   <li>{@code stage} = {@code ResponseComplete}, except {@code ResponseStarted} for exec and
 *       attach, as the API server reports those sessions; {@code level} from what the record holds
 *   <li>{@code requestObject} / {@code responseObject} = {@code request} / {@code response}
 *   <li>{@code stageTimestamp} = {@code timestamp}, falling back to {@code receiveTimestamp};
 *       {@code annotations} = the entry's {@code labels} (the authorization decision and reason)
 * </ul>
 */
final class GkeAuditLogMapper {

  static final String AUDIT_LOG_TYPE = "type.googleapis.com/google.cloud.audit.AuditLog";

  private static final Map<String, String> SOURCE_FIELDS =
      Map.of(
          "auditID", "insertId",
          "verb", "protoPayload.methodName",
          "user", "protoPayload.authenticationInfo.principalEmail",
          "objectRef", "protoPayload.resourceName");

  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");
  private static final Set<String> STREAMING_SUBRESOURCES = Set.of("exec", "attach");

  private final JsonMapper json;

  GkeAuditLogMapper(JsonMapper json) {
    this.json = json;
  }

  /**
   * @param entry the {@code LogEntry}, known to have a {@code protoPayload}
   * @param raw the bytes it came in, for the id of last resort
   * @throws InvalidEvidenceException {@code invalid-event} or {@code unsupported-record}
   */
  AuditRecord map(JsonNode entry, byte[] raw, String where) {
    JsonNode payload = entry.get("protoPayload");
    if (!payload.isObject()) {
      throw new InvalidEvidenceException(
          "invalid-event", where + ": protoPayload must be an object (an AuditLog)");
    }
    String type = NativeEvents.text(payload.get("@type"));
    String service = NativeEvents.text(payload.get("serviceName"));
    String method = NativeEvents.text(payload.get("methodName"));
    if (type != null && !AUDIT_LOG_TYPE.equals(type)) {
      throw new InvalidEvidenceException(
          "unsupported-record",
          where + ": protoPayload @type '" + type + "' is not " + AUDIT_LOG_TYPE);
    }
    if (!"k8s.io".equals(service) && (method == null || !method.startsWith("io.k8s."))) {
      throw new InvalidEvidenceException(
          "unsupported-record",
          where
              + ": a Cloud Logging audit record of service '"
              + service
              + "', not a GKE Kubernetes audit log (serviceName k8s.io)");
    }

    ObjectNode event = json.createObjectNode();
    event.put("kind", "Event");
    event.put("apiVersion", "audit.k8s.io/v1");
    String resourceName = resourceName(payload);
    ObjectNode objectRef = resourceName == null ? null : objectRef(resourceName);
    String subresource = objectRef == null ? null : NativeEvents.text(objectRef.get("subresource"));
    boolean streaming = subresource != null && STREAMING_SUBRESOURCES.contains(subresource);
    boolean nonResource = method != null && methodSegments(method).length < 3;

    event.put("level", level(payload));
    String auditId = firstText(entry.get("insertId"), entry.path("operation").get("id"));
    event.put("auditID", auditId != null ? auditId : "gke-" + sha256(raw));
    event.put("stage", streaming ? "ResponseStarted" : "ResponseComplete");
    event.put("requestURI", requestUri(resourceName, objectRef, method, nonResource));
    String verb = method == null ? null : nonResource ? "get" : last(methodSegments(method));
    if (verb != null) {
      event.put("verb", verb);
    }
    String principal = NativeEvents.text(payload.path("authenticationInfo").get("principalEmail"));
    if (principal != null && !principal.isEmpty()) {
      event.putObject("user").put("username", principal);
    }
    JsonNode metadata = payload.path("requestMetadata");
    String callerIp = firstText(metadata.get("callerIp"), metadata.get("callerIP"));
    if (callerIp != null) {
      event.putArray("sourceIPs").add(callerIp);
    }
    String userAgent = NativeEvents.text(metadata.get("callerSuppliedUserAgent"));
    if (userAgent != null) {
      event.put("userAgent", userAgent);
    }
    if (objectRef != null && !nonResource) {
      event.set("objectRef", objectRef);
    }
    JsonNode status = payload.get("status");
    if (status != null && status.isObject()) {
      ObjectNode responseStatus = event.putObject("responseStatus");
      responseStatus.put("code", httpCode(status.path("code").asInt(0), verb, streaming));
      String message = NativeEvents.text(status.get("message"));
      if (message != null) {
        responseStatus.put("message", message);
      }
    }
    copyIfPresent(payload, "request", event, "requestObject");
    copyIfPresent(payload, "response", event, "responseObject");
    String timestamp = NativeEvents.text(entry.get("timestamp"));
    if (timestamp != null) {
      event.put("requestReceivedTimestamp", timestamp);
      event.put("stageTimestamp", timestamp);
    }
    JsonNode labels = entry.get("labels");
    if (labels != null && labels.isObject()) {
      event.set("annotations", labels);
    }
    Instant received =
        AuditTimestamps.parse(NativeEvents.text(entry.get("receiveTimestamp"))).orElse(null);
    return new AuditRecord(event, IntakeFormat.GKE, received, SOURCE_FIELDS);
  }

  /** {@code resourceName}, else the resource of the first authorization check. */
  private static String resourceName(JsonNode payload) {
    String name = NativeEvents.text(payload.get("resourceName"));
    if (name == null || name.isEmpty()) {
      name = NativeEvents.text(payload.path("authorizationInfo").path(0).get("resource"));
    }
    return name == null || name.isEmpty() ? null : name;
  }

  /**
   * {@code group/version/[namespaces/ns/]resource[/name[/subresource]]}, where group {@code core}
   * is the core group. As the API server reads paths, {@code namespaces/name/status} and {@code
   * /finalize} are subresources of a namespace, not resources in it.
   */
  private ObjectNode objectRef(String resourceName) {
    if (resourceName.startsWith("/")) {
      return null; // a non-resource URL
    }
    String[] parts = resourceName.split("/");
    if (parts.length < 3) {
      return null;
    }
    ObjectNode ref = json.createObjectNode();
    List<String> rest = Arrays.asList(parts).subList(2, parts.length);
    if (rest.get(0).equals("namespaces")
        && rest.size() >= 3
        && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
      ref.put("resource", rest.get(2));
      ref.put("namespace", rest.get(1));
      putIfPresent(ref, "name", rest, 3);
      putIfPresent(ref, "subresource", rest, 4);
    } else {
      ref.put("resource", rest.get(0));
      putIfPresent(ref, "name", rest, 1);
      putIfPresent(ref, "subresource", rest, 2);
    }
    if (!parts[0].equals("core")) {
      ref.put("apiGroup", parts[0]);
    }
    ref.put("apiVersion", parts[1]);
    return ref;
  }

  private static String requestUri(
      String resourceName, ObjectNode objectRef, String method, boolean nonResource) {
    if (resourceName != null && resourceName.startsWith("/")) {
      return resourceName; // a non-resource URL, as GKE names it
    }
    if (nonResource) {
      return "/" + String.join("/", methodSegments(method));
    }
    if (objectRef == null) {
      return resourceName == null ? "" : "/" + resourceName;
    }
    String[] parts = resourceName.split("/");
    String prefix =
        parts[0].equals("core") ? "/api/" + parts[1] : "/apis/" + parts[0] + "/" + parts[1];
    return prefix + "/" + String.join("/", Arrays.asList(parts).subList(2, parts.length));
  }

  private static String level(JsonNode payload) {
    if (isPresent(payload.get("response"))) {
      return "RequestResponse";
    }
    return isPresent(payload.get("request")) ? "Request" : "Metadata";
  }

  /**
   * gRPC status code to HTTP, as {@code google/rpc/code.proto} documents the mapping. OK becomes
   * what the API server answers for the verb.
   */
  static int httpCode(int grpcCode, String verb, boolean streaming) {
    return switch (grpcCode) {
      case 0 -> streaming ? 101 : "create".equals(verb) ? 201 : 200;
      case 1 -> 499; // CANCELLED
      case 3, 9, 11 -> 400; // INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE
      case 4 -> 504; // DEADLINE_EXCEEDED
      case 5 -> 404; // NOT_FOUND
      case 6, 10 -> 409; // ALREADY_EXISTS, ABORTED
      case 7 -> 403; // PERMISSION_DENIED
      case 8 -> 429; // RESOURCE_EXHAUSTED
      case 12 -> 501; // UNIMPLEMENTED
      case 14 -> 503; // UNAVAILABLE
      case 16 -> 401; // UNAUTHENTICATED
      default -> 500; // UNKNOWN, INTERNAL, DATA_LOSS and codes not defined
    };
  }

  /** The segments of a method name after {@code io.k8s.}. */
  private static String[] methodSegments(String method) {
    String name = method.startsWith("io.k8s.") ? method.substring("io.k8s.".length()) : method;
    return name.split("\\.");
  }

  private static String last(String[] segments) {
    return segments[segments.length - 1];
  }

  private static void putIfPresent(ObjectNode ref, String field, List<String> parts, int index) {
    if (parts.size() > index && !parts.get(index).isEmpty()) {
      ref.put(field, parts.get(index));
    }
  }

  private static void copyIfPresent(
      JsonNode from, String field, ObjectNode to, String targetField) {
    JsonNode value = from.get(field);
    if (isPresent(value)) {
      to.set(targetField, value);
    }
  }

  private static boolean isPresent(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }

  private static String firstText(JsonNode... nodes) {
    for (JsonNode node : nodes) {
      String text = NativeEvents.text(node);
      if (text != null && !text.isEmpty()) {
        return text;
      }
    }
    return null;
  }

  private static String sha256(byte[] raw) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
