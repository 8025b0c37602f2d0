package io.palisade.correlation.detect;

import io.palisade.avro.AuditEvent;
import io.palisade.avro.Entity;
import io.palisade.avro.ObjectReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** What audit rules commonly need to know about one audit event. */
final class AuditFacts {

  private AuditFacts() {}

  /** The requesting user, and the impersonated one when the request impersonated someone. */
  static List<Entity> actors(AuditEvent event) {
    List<Entity> actors = new ArrayList<>();
    if (Entities.present(event.getUser().getUsername())) {
      actors.add(Entities.actor(event.getUser().getUsername()));
    }
    if (event.getImpersonatedUser() != null
        && Entities.present(event.getImpersonatedUser().getUsername())) {
      actors.add(Entities.actor(event.getImpersonatedUser().getUsername()));
    }
    return actors;
  }

  /**
   * Who made the request: {@link #actors} plus, for a pod-bound service-account token, the pod and
   * node it was bound to ({@link PodLinks#ofToken}), which bridges the service account's API calls
   * to what happened in that pod.
   */
  static List<Entity> requester(AuditEvent event) {
    List<Entity> requester = actors(event);
    requester.addAll(PodLinks.ofToken(event.getUser()));
    return requester;
  }

  /** The requesting user's name for summaries ({@code ?} when the event has none). */
  static String username(AuditEvent event) {
    String username = event.getUser().getUsername();
    return Entities.present(username) ? username : "?";
  }

  /** The request got a response below 400. */
  static boolean succeeded(AuditEvent event) {
    return event.getResponseCode() != null && event.getResponseCode() < 400;
  }

  /** The request did not (yet) fail: no response code at this stage, or one below 400. */
  static boolean notFailed(AuditEvent event) {
    return event.getResponseCode() == null || event.getResponseCode() < 400;
  }

  static boolean isResource(AuditEvent event, String resource, String subresource) {
    ObjectReference ref = event.getObjectRef();
    return ref != null
        && resource.equals(ref.getResource())
        && Objects.equals(subresource, emptyToNull(ref.getSubresource()));
  }

  static Optional<JsonNode> requestObject(AuditEvent event) {
    return Json.parse(event.getRequestObjectJson());
  }

  static Optional<JsonNode> responseObject(AuditEvent event) {
    return Json.parse(event.getResponseObjectJson());
  }

  /**
   * The first non-blank of objectRef's value, the request object's and the response object's
   * metadata value (a pod created with generateName only has its name in the response).
   */
  static String objectMeta(AuditEvent event, String refValue, String field) {
    if (Entities.present(refValue)) {
      return refValue;
    }
    for (Optional<JsonNode> object : List.of(requestObject(event), responseObject(event))) {
      String value = object.map(node -> Json.text(node, "metadata", field)).orElse(null);
      if (Entities.present(value)) {
        return value;
      }
    }
    return null;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
