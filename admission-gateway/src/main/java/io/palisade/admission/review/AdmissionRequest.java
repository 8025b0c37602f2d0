package io.palisade.admission.review;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * One {@code admission.k8s.io/v1} AdmissionRequest. Strings the API server may omit are empty,
 * never null; {@code object} and {@code oldObject} are the raw JSON and may be JSON null or missing
 * (e.g. {@code oldObject} on CREATE).
 *
 * @param uid identifies this one API server → webhook call; echoed in the response
 * @param kind the kind of {@code object}, e.g. {@code autoscaling/v1 Scale} for {@code /scale}
 * @param resource the resource being changed, e.g. {@code apps/v1 deployments}
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param dryRun true when nothing will be persisted
 */
public record AdmissionRequest(
    String uid,
    GroupVersionKind kind,
    GroupVersionResource resource,
    String subResource,
    String name,
    String namespace,
    String operation,
    RequestUser user,
    JsonNode object,
    JsonNode oldObject,
    boolean dryRun) {

  public AdmissionRequest {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(object, "object (use a MissingNode)");
    Objects.requireNonNull(oldObject, "oldObject (use a MissingNode)");
  }

  /**
   * The object's name. {@code request.name} is empty on a CREATE with {@code generateName} (the API
   * server assigns the name after admission), so this falls back to the object's {@code
   * metadata.name}, then its {@code metadata.generateName} prefix (e.g. {@code web-7d4b9c-}), then
   * the old object's name (DELETE). Empty when none is known.
   */
  public String objectName() {
    if (!name.isEmpty()) {
      return name;
    }
    for (JsonNode metadata : new JsonNode[] {object.path("metadata"), oldObject.path("metadata")}) {
      String named = metadata.path("name").stringValue("");
      if (!named.isEmpty()) {
        return named;
      }
      String generated = metadata.path("generateName").stringValue("");
      if (!generated.isEmpty()) {
        return generated;
      }
    }
    return "";
  }

  public boolean isCreateOrUpdate() {
    return "CREATE".equals(operation) || "UPDATE".equals(operation);
  }
}
