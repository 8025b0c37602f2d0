package io.palisade.audit.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A configured extra path to redact, relative to the audit event in its native shape. Accepted
 * forms (a small subset of JSONPath):
 *
 * <ul>
 *   <li>{@code requestObject.spec.password} or {@code $.requestObject.spec.password}
 *   <li>{@code *} or {@code [*]}: every element of an array, every value of an object: {@code
 *       requestObject.spec.containers[*].env[*].value}, {@code
 *       requestObject.spec.containers.*.args}
 *   <li>{@code [0]}: one array element
 *   <li>{@code ['key.with/dots']} or {@code ["…"]}: a key containing {@code .} or {@code [}, e.g.
 *       {@code annotations['example.com/api-key']}
 * </ul>
 *
 * A name step only descends into objects: to reach into an array, say {@code [*]} or {@code [n]}.
 * What the path reaches is replaced by {@value AuditRedactor#MARKER}; an object or array keeps its
 * keys and has each of its values replaced, so detections still see which keys were there.
 */
public final class RedactionPath {

  private sealed interface Step permits Name, Index, Wildcard {}

  private record Name(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private final String text;
  private final List<Step> steps;

  private RedactionPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  /**
   * @throws IllegalArgumentException naming the path and what is wrong with it
   */
  public static RedactionPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid(text, "it is empty");
    }
    String path = text.strip();
    List<Step> steps = new ArrayList<>();
    int at = 0;
    if (path.startsWith("$")) {
      at = 1;
    } else if (path.charAt(0) != '[' && path.charAt(0) != '.') {
      path = "." + path; // the dotted form: the first name has no dot in front
    }
    while (at < path.length()) {
      char c = path.charAt(at);
      if (c == '.') {
        int end = at + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        String name = path.substring(at + 1, end);
        if (name.isEmpty()) {
          throw invalid(text, "an empty name at position " + at);
        }
        steps.add(name.equals("*") ? new Wildcard() : new Name(name));
        at = end;
      } else if (c == '[') {
        int close = bracketEnd(path, at, text);
        steps.add(bracket(path.substring(at + 1, close), text));
        at = close + 1;
      } else {
        throw invalid(text, "unexpected '" + c + "' at position " + at);
      }
    }
    if (steps.isEmpty()) {
      throw invalid(text, "it names nothing");
    }
    return new RedactionPath(text, List.copyOf(steps));
  }

  /** Whether the event has a non-null value at this path (nothing is changed). */
  boolean reaches(JsonNode event) {
    return walk(event, 0, false) > 0;
  }

  /** Whether this path may lead into the event's top-level field {@code field}. */
  boolean enters(String field) {
    Step first = steps.get(0);
    return first instanceof Wildcard || (first instanceof Name name && name.name().equals(field));
  }

  /** Replaces what this path reaches in {@code event}; returns how many values were replaced. */
  int redact(JsonNode event) {
    return walk(event, 0, true);
  }

  @Override
  public String toString() {
    return text;
  }

  private int walk(JsonNode node, int step, boolean replace) {
    if (node == null || !node.isContainer()) {
      return 0;
    }
    boolean last = step == steps.size() - 1;
    int count = 0;
    for (Map.Entry<Object, JsonNode> child : children(node, steps.get(step))) {
      JsonNode value = child.getValue();
      if (value == null || value.isNull() || value.isMissingNode()) {
        continue;
      }
      if (!last) {
        count += walk(value, step + 1, replace);
      } else if (!replace) {
        count++;
      } else {
        count += Redaction.replace(node, child.getKey(), value);
      }
    }
    return count;
  }

  private static List<Map.Entry<Object, JsonNode>> children(JsonNode node, Step step) {
    List<Map.Entry<Object, JsonNode>> children = new ArrayList<>();
    if (step instanceof Name name) {
      if (node instanceof ObjectNode object && object.has(name.name())) {
        children.add(Map.entry(name.name(), object.get(name.name())));
      }
    } else if (step instanceof Index index) {
      if (node instanceof ArrayNode array && index.index() < array.size()) {
        children.add(Map.entry(index.index(), array.get(index.index())));
      }
    } else if (node instanceof ObjectNode object) {
      object.forEachEntry((key, value) -> children.add(Map.entry(key, value)));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        children.add(Map.entry(i, array.get(i)));
      }
    }
    return children;
  }

  private static int bracketEnd(String path, int open, String text) {
    int at = open + 1;
    if (at < path.length() && (path.charAt(at) == '\'' || path.charAt(at) == '"')) {
      int quote = path.indexOf(path.charAt(at), at + 1);
      if (quote < 0 || quote + 1 >= path.length() || path.charAt(quote + 1) != ']') {
        throw invalid(text, "an unclosed quoted key at position " + open);
      }
      return quote + 1;
    }
    int close = path.indexOf(']', open);
    if (close < 0) {
      throw invalid(text, "an unclosed '[' at position " + open);
    }
    return close;
  }

  private static Step bracket(String inside, String text) {
    if (inside.equals("*")) {
      return new Wildcard();
    }
    if (inside.length() >= 2
        && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
      String key = inside.substring(1, inside.length() - 1);
      if (key.isEmpty()) {
        throw invalid(text, "an empty quoted key");
      }
      return new Name(key);
    }
    try {
      int index = Integer.parseInt(inside);
      if (index < 0) {
        throw invalid(text, "a negative index [" + inside + "]");
      }
      return new Index(index);
    } catch (NumberFormatException e) {
      throw invalid(text, "[" + inside + "] is neither *, an index nor a quoted key");
    }
  }

  private static IllegalArgumentException invalid(String text, String problem) {
    return new IllegalArgumentException(
        "extra redaction path '" + text + "' is not valid: " + problem);
  }
}
