package io.palisade.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** RFC 6902 {@code add}, {@code replace} and {@code remove}, as Kustomize applies them. */
final class JsonPatch {

  private JsonPatch() {}

  static void apply(ObjectNode object, ArrayNode operations, Path file) {
    for (JsonNode operation : operations) {
      String op = operation.path("op").stringValue("");
      List<String> path = pointer(operation.path("path").stringValue(""), file);
      JsonNode parent = object;
      for (String token : path.subList(0, path.size() - 1)) {
        parent = parent.isArray() ? parent.path(Integer.parseInt(token)) : parent.path(token);
        if (parent.isMissingNode()) {
          throw new IllegalStateException(
              file
                  + ": "
                  + operation.path("path").stringValue("")
                  + " has no parent in "
                  + name(object));
        }
      }
      String last = path.get(path.size() - 1);
      switch (op) {
        case "add" -> add(parent, last, operation.path("value").deepCopy(), file);
        case "replace" -> {
          requireExists(parent, last, operation, object, file);
          set(parent, last, operation.path("value").deepCopy());
        }
        case "remove" -> {
          requireExists(parent, last, operation, object, file);
          if (parent instanceof ObjectNode parentObject) {
            parentObject.remove(last);
          } else {
            ((ArrayNode) parent).remove(Integer.parseInt(last));
          }
        }
        default -> throw new UnsupportedOperationException(file + ": op '" + op + "'");
      }
    }
  }

  private static void add(JsonNode parent, String last, JsonNode value, Path file) {
    if (parent instanceof ArrayNode array) {
      if (last.equals("-")) {
        array.add(value);
      } else {
        array.insert(Integer.parseInt(last), value);
      }
    } else if (parent instanceof ObjectNode parentObject) {
      parentObject.set(last, value);
    } else {
      throw new IllegalStateException(file + ": cannot add under a scalar");
    }
  }

  private static void set(JsonNode parent, String last, JsonNode value) {
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }

  private static void requireExists(
      JsonNode parent, String last, JsonNode operation, ObjectNode object, Path file) {
    JsonNode existing = parent.isArray() ? parent.path(Integer.parseInt(last)) : parent.path(last);
    if (existing.isMissingNode()) {
      throw new IllegalStateException(
          file
              + ": "
              + operation.path("path").stringValue("")
              + " does not exist in "
              + name(object));
    }
  }

  private static List<String> pointer(String pointer, Path file) {
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException(file + ": '" + pointer + "' is not a JSON pointer");
    }
    List<String> tokens = new ArrayList<>();
    for (String token : pointer.substring(1).split("/", -1)) {
      tokens.add(token.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  private static String name(ObjectNode object) {
    return object.path("kind").stringValue("")
        + " "
        + object.path("metadata").path("name").stringValue("");
  }
}
