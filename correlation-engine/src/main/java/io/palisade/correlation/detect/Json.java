package io.palisade.correlation.detect;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON objects that evidence carries as text (request objects, admitted objects). */
final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** The parsed object, or empty when there is none or it is not valid JSON. */
  static Optional<JsonNode> parse(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readTree(json));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /** The string at {@code node.path(names…)}, or null when absent or not a string. */
  static String text(JsonNode node, String... names) {
    JsonNode current = node;
    for (String name : names) {
      current = current.path(name);
    }
    return current.isString() ? current.stringValue() : null;
  }
}
