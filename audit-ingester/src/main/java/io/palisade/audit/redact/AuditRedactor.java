package io.palisade.audit.redact;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps secret values out of what is published. For {@code secrets} it replaces every value under
 * {@code data} and {@code stringData} (also in the items of a {@code SecretList}) and the {@code
 * kubectl.kubernetes.io/last-applied-configuration} annotation, which repeats them, with {@value
 * #MARKER}, keeping the keys; a JSON-Patch body loses every operation's value. It also drops the
 * bearer tokens that {@code serviceaccounts/token} returns and {@code tokenreviews} carry. This is
 * the minimal rule set; inputs are never changed, a redacted copy is returned.
 */
public final class AuditRedactor {

  public static final String MARKER = "<redacted>";

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /**
   * @param resource the event's {@code objectRef.resource}, may be null
   * @param subresource the event's {@code objectRef.subresource}, may be null
   * @param object a request or response object, may be null
   */
  public JsonNode redact(String resource, String subresource, JsonNode object) {
    if (object == null || !object.isContainer() || resource == null) {
      return object;
    }
    switch (resource) {
      case "secrets" -> {
        JsonNode copy = object.deepCopy();
        redactSecrets(copy);
        return copy;
      }
      case "serviceaccounts" -> {
        if (!"token".equals(subresource)) {
          return object;
        }
        JsonNode copy = object.deepCopy();
        redactField(copy.path("status"), "token");
        return copy;
      }
      case "tokenreviews" -> {
        JsonNode copy = object.deepCopy();
        redactField(copy.path("spec"), "token");
        return copy;
      }
      default -> {
        return object;
      }
    }
  }

  /** A Secret, a SecretList, a merge patch of a Secret, or a JSON Patch of one. */
  private static void redactSecrets(JsonNode node) {
    if (node instanceof ArrayNode operations) {
      for (JsonNode operation : operations) {
        redactField(operation, "value");
      }
      return;
    }
    if (!(node instanceof ObjectNode secret)) {
      return;
    }
    redactValues(secret, "data");
    redactValues(secret, "stringData");
    redactField(secret.path("metadata").path("annotations"), LAST_APPLIED);
    if (secret.get("items") instanceof ArrayNode items) {
      for (JsonNode item : items) {
        if (item.isObject()) {
          redactSecrets(item);
        }
      }
    }
  }

  private static void redactValues(ObjectNode owner, String field) {
    JsonNode values = owner.get(field);
    if (values == null || values.isNull()) {
      return;
    }
    if (values instanceof ObjectNode map) {
      for (String key : List.copyOf(map.propertyNames())) {
        map.put(key, MARKER);
      }
    } else {
      owner.put(field, MARKER); // not a map as expected: drop it whole rather than guess
    }
  }

  private static void redactField(JsonNode owner, String field) {
    if (owner instanceof ObjectNode object && object.has(field) && !object.get(field).isNull()) {
      object.put(field, MARKER);
    }
  }
}
