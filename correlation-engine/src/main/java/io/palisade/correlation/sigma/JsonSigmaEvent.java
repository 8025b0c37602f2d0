package io.palisade.correlation.sigma;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link SigmaEvent} over a Jackson {@link JsonNode}.
 *
 * <p>Field lookup walks object keys segment by segment; arrays are walked element-wise, at any
 * depth. When a segment is not a key, longer dotted keys are tried ({@code
 * output_fields.k8s.ns.name} finds the key {@code "k8s.ns.name"} of Falco's {@code output_fields}).
 *
 * <p>Top-level objects that arrive as JSON text (an audit event's {@code requestObject} carried as
 * a string) can be attached with {@link #withRawObject}: they are parsed on the first lookup that
 * enters them, at most once per event, and never when no candidate rule reads them.
 */
public final class JsonSigmaEvent implements SigmaEvent {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final JsonNode root;
  private Map<String, String> rawObjects = Map.of();
  private Map<String, JsonNode> parsedObjects = Map.of();
  private int rawParses;

  private JsonSigmaEvent(JsonNode root) {
    this.root = root;
  }

  /** The event whose fields are those of {@code root}. */
  public static JsonSigmaEvent of(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("a Sigma event must be a JSON object");
    }
    return new JsonSigmaEvent(root);
  }

  /** Parses one line of NDJSON into an event; a line that is not a JSON object is refused. */
  public static JsonSigmaEvent parse(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    return of(node);
  }

  /**
   * Attaches the JSON text of a top-level object field (e.g. {@code requestObject}), parsed lazily.
   * A field present in the root node wins. Null or blank text means the field is absent.
   */
  public JsonSigmaEvent withRawObject(String field, String json) {
    if (json != null && !json.isBlank()) {
      if (rawObjects.isEmpty()) {
        rawObjects = new HashMap<>(4);
      }
      rawObjects.put(field, json);
    }
    return this;
  }

  /** The root node (without lazily attached objects). */
  public JsonNode root() {
    return root;
  }

  /** How many attached raw objects have been parsed so far (for tests of the at-most-once rule). */
  int rawParses() {
    return rawParses;
  }

  @Override
  public boolean anyValue(FieldPath path, ValueTest test) {
    return walk(root, path, 0, test, true);
  }

  private boolean walk(JsonNode node, FieldPath path, int index, ValueTest test, boolean top) {
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (walk(element, path, index, test, top)) {
          return true;
        }
      }
      return false;
    }
    if (index == path.size()) {
      return test.test(scalar(node));
    }
    if (!node.isObject()) {
      return false;
    }
    JsonNode child = node.get(path.segment(index));
    if (child == null && top) {
      child = rawObject(path.segment(index));
    }
    if (child != null) {
      return walk(child, path, index + 1, test, false);
    }
    for (int to = index + 1; to < path.size(); to++) {
      JsonNode dotted = node.get(path.joined(index, to));
      if (dotted != null) {
        return walk(dotted, path, to + 1, test, false);
      }
    }
    return false;
  }

  private JsonNode rawObject(String field) {
    if (rawObjects.isEmpty()) {
      return null;
    }
    JsonNode parsed = parsedObjects.get(field);
    if (parsed != null) {
      return parsed;
    }
    String json = rawObjects.get(field);
    if (json == null) {
      return null;
    }
    rawParses++;
    try {
      parsed = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "field " + field + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (parsedObjects.isEmpty()) {
      parsedObjects = new HashMap<>(4);
    }
    parsedObjects.put(field, parsed);
    return parsed;
  }

  private static Object scalar(JsonNode node) {
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNull() || node.isMissingNode()) {
      return null;
    }
    return STRUCTURED;
  }
}
