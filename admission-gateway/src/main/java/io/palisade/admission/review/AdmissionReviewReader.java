package io.palisade.admission.review;

import io.palisade.intake.InvalidEvidenceException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON body the API server sends into an {@link AdmissionReview}. Only what the gateway
 * cannot answer without is required (the envelope and {@code request.uid}); everything else
 * defaults to empty so that an unusual but valid request is still answered.
 */
public final class AdmissionReviewReader {

  public static final String API_VERSION = "admission.k8s.io/v1";
  public static final String KIND = "AdmissionReview";

  public AdmissionReview read(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidEvidenceException(
          "not-an-admission-review", "the request body must be a JSON AdmissionReview object");
    }
    String kind = body.path("kind").stringValue("");
    if (!KIND.equals(kind)) {
      throw new InvalidEvidenceException(
          "not-an-admission-review",
          "expected kind \"" + KIND + "\" but the body has kind \"" + kind + "\"");
    }
    String apiVersion = body.path("apiVersion").stringValue("");
    if (!API_VERSION.equals(apiVersion)) {
      throw new InvalidEvidenceException(
          "unsupported-api-version",
          "expected apiVersion \""
              + API_VERSION
              + "\" but the AdmissionReview has \""
              + apiVersion
              + "\"; list only v1 in the webhook's admissionReviewVersions");
    }
    JsonNode request = body.path("request");
    if (!request.isObject()) {
      throw new InvalidEvidenceException(
          "missing-field", "the AdmissionReview has no \"request\" object");
    }
    String uid = request.path("uid").stringValue("");
    if (uid.isBlank()) {
      throw new InvalidEvidenceException(
          "missing-field", "the AdmissionReview request has no \"uid\"");
    }
    return new AdmissionReview(apiVersion, kind, request(uid, request));
  }

  private static AdmissionRequest request(String uid, JsonNode request) {
    JsonNode kind = request.path("kind");
    JsonNode resource = request.path("resource");
    return new AdmissionRequest(
        uid,
        new GroupVersionKind(text(kind, "group"), text(kind, "version"), text(kind, "kind")),
        new GroupVersionResource(
            text(resource, "group"), text(resource, "version"), text(resource, "resource")),
        text(request, "subResource"),
        text(request, "name"),
        text(request, "namespace"),
        text(request, "operation"),
        user(request.path("userInfo")),
        request.path("object"),
        request.path("oldObject"),
        request.path("dryRun").isBoolean() && request.path("dryRun").booleanValue());
  }

  private static RequestUser user(JsonNode userInfo) {
    Map<String, List<String>> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : userInfo.path("extra").properties()) {
      extra.put(entry.getKey(), strings(entry.getValue()));
    }
    String uid = text(userInfo, "uid");
    return new RequestUser(
        text(userInfo, "username"),
        uid.isEmpty() ? null : uid,
        strings(userInfo.path("groups")),
        extra);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      if (value.isString()) {
        values.add(value.stringValue());
      }
    }
    return values;
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).stringValue("");
  }
}
