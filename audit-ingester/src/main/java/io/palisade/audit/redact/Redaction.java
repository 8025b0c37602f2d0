package io.palisade.audit.redact;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Replacing values with the marker while keeping keys, the one way every rule does it. */
final class Redaction {

  private Redaction() {}

  /**
   * Replaces {@code value}, the child {@code key} (a property name or an array index) of {@code
   * owner}: a scalar by the marker, a container by the same container with every scalar in it
   * replaced. Nulls and markers stay. Returns how many values were replaced.
   */
  static int replace(JsonNode owner, Object key, JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return 0;
    }
    if (value.isContainer()) {
      return replaceValuesIn(value);
    }
    if (value.isString() && AuditRedactor.MARKER.equals(value.asString())) {
      return 0;
    }
    if (owner instanceof ObjectNode object && key instanceof String name) {
      object.put(name, AuditRedactor.MARKER);
      return 1;
    }
    if (owner instanceof ArrayNode array && key instanceof Integer index) {
      array.set(index, array.stringNode(AuditRedactor.MARKER));
      return 1;
    }
    return 0;
  }

  /** Replaces every scalar inside a container, keeping its keys. */
  static int replaceValuesIn(JsonNode container) {
    int count = 0;
    if (container instanceof ObjectNode object) {
      for (String name : List.copyOf(object.propertyNames())) {
        count += replace(object, name, object.get(name));
      }
    } else if (container instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        count += replace(array, i, array.get(i));
      }
    }
    return count;
  }

  /** Replaces the child {@code name} of {@code owner} if it is an object that has one. */
  static int replaceField(JsonNode owner, String name) {
    return owner instanceof ObjectNode object ? replace(object, name, object.get(name)) : 0;
  }
}
