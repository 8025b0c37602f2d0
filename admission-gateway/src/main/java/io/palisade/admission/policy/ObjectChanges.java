package io.palisade.admission.policy;

import io.palisade.admission.review.AdmissionRequest;
import tools.jackson.databind.JsonNode;

/**
 * What an UPDATE changes, for policies that must not block updates they have nothing to say about.
 */
public final class ObjectChanges {

  private ObjectChanges() {}

  /**
   * An UPDATE of an object already marked for deletion ({@code metadata.deletionTimestamp} set):
   * only finalizers can still change, and refusing it would leave the deletion stuck.
   */
  public static boolean isFinalizing(AdmissionRequest request) {
    JsonNode deletion = request.object().path("metadata").path("deletionTimestamp");
    return "UPDATE".equals(request.operation()) && !deletion.isMissingNode() && !deletion.isNull();
  }

  /**
   * An UPDATE whose new object has the same value at {@code path} (dot-separated, e.g. {@code
   * spec.template}) as the old object. False for anything but an UPDATE with an old object.
   */
  public static boolean isUnchangedAt(AdmissionRequest request, String path) {
    if (!"UPDATE".equals(request.operation()) || !request.oldObject().isObject()) {
      return false;
    }
    return at(request.object(), path).equals(at(request.oldObject(), path));
  }

  private static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    for (String field : path.split("\\.")) {
      node = node.path(field);
    }
    return node;
  }
}
