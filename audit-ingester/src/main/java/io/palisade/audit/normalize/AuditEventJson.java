package io.palisade.audit.normalize;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.util.RawValue;

/**
 * Reads audit events as JSON trees, except for the two parts that make up most of an event's bytes
 * and that Palisade only passes on: the {@code requestObject} and {@code responseObject} of a
 * top-level event object are kept as their raw JSON text (a {@link POJONode} holding a {@link
 * RawValue}). Their syntax is still checked, but no tree is built for them and they are never
 * written back: their text goes to the record as it arrived.
 *
 * <p>Whoever needs to look inside a body calls {@link #materialise}. The redactor does so for every
 * body that may hold a secret (see {@code AuditRedactor}); a raw body is written out unchanged by
 * Jackson, so a tree with raw bodies can be serialised like any other.
 */
public final class AuditEventJson {

  private static final String REQUEST_OBJECT = "requestObject";
  private static final String RESPONSE_OBJECT = "responseObject";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonMapper json;

  public AuditEventJson(JsonMapper json) {
    this.json = json;
  }

  /**
   * Reads the JSON value at the parser's current token (which must be set) and leaves the parser at
   * its last token. A top-level object's request and response objects stay raw; everything else,
   * and any value that is not an object, is read as a tree.
   *
   * @param source the bytes the parser reads, from offset 0
   */
  public JsonNode read(JsonParser parser, byte[] source) {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return tree(parser);
    }
    ObjectNode event = NODES.objectNode();
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if ((value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)
          && (name.equals(REQUEST_OBJECT) || name.equals(RESPONSE_OBJECT))) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        event.set(name, raw(new String(source, start, end - start, StandardCharsets.UTF_8)));
      } else {
        event.set(name, tree(parser));
      }
    }
    return event;
  }

  /**
   * The value at the parser's current token as a tree, as Jackson's own tree reader builds it
   * (integers as int, long or big integer nodes, other numbers as doubles, a repeated key keeps its
   * last value), without the per-call cost of a databind read. Nesting is bounded by the parser's
   * read constraints.
   */
  private static JsonNode tree(JsonParser parser) {
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.set(name, tree(parser));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(tree(parser));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.stringNode(parser.getString());
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(parser.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> {
        return parser.readValueAsTree(); // embedded objects: not produced by a JSON parser
      }
    }
  }

  /**
   * Reads a whole document (e.g. one line of a log) the way {@link #read(JsonParser, byte[])} does.
   */
  public JsonNode read(byte[] document) {
    try (JsonParser parser = json.createParser(document)) {
      if (parser.nextToken() == null) {
        return json.missingNode();
      }
      JsonNode node = read(parser, document);
      if (parser.nextToken() != null) {
        throw new StreamReadException(parser, "content after the end of the JSON value");
      }
      return node;
    }
  }

  /** A raw JSON text as a node; Jackson writes it out unchanged. */
  public static JsonNode raw(String jsonText) {
    return new POJONode(new RawValue(jsonText));
  }

  /** Whether {@code node} is a body kept as raw JSON text. */
  public static boolean isRaw(JsonNode node) {
    return node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue;
  }

  /** The JSON text of a raw body; null for any other node. */
  public static String rawText(JsonNode node) {
    return isRaw(node) ? (String) ((RawValue) ((POJONode) node).getPojo()).rawValue() : null;
  }

  /** The tree of a raw body, or {@code node} itself when it is not raw. */
  public static JsonNode materialise(JsonNode node, JsonMapper json) {
    String text = rawText(node);
    return text == null ? node : json.readTree(text);
  }
}
