package io.palisade.correlation.api;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders any Avro record as JSON by walking its schema, so that fields added to a schema (Incident
 * v2's storyline, resolution, assignee, rule counts …) appear in the API without code changes.
 * Every field is written, in schema order: timestamps ({@code timestamp-millis}, {@code
 * timestamp-micros}) as ISO-8601 instants, dates as ISO dates, enums by their symbol, unions as
 * their value (null included), bytes and fixed as base64, maps as objects.
 */
public final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  /** The record, every field. */
  public static ObjectNode render(IndexedRecord record) {
    return render(record, Set.of());
  }

  /** The record without the named top-level fields (e.g. a list leaves out the timeline). */
  public static ObjectNode render(IndexedRecord record, Set<String> leftOut) {
    ObjectNode node = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      if (!leftOut.contains(field.name())) {
        node.set(field.name(), value(field.schema(), record.get(field.pos())));
      }
    }
    return node;
  }

  private static JsonNode value(Schema schema, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    LogicalType logical = schema.getLogicalType();
    if (logical != null) {
      JsonNode rendered = logical(logical.getName(), value);
      if (rendered != null) {
        return rendered;
      }
    }
    return switch (schema.getType()) {
      case RECORD ->
          value instanceof IndexedRecord record
              ? render(record)
              : NODES.stringNode(String.valueOf(value));
      case UNION -> value(schema.getTypes().get(branch(schema, value)), value);
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Collection<?>) value) {
          array.add(value(schema.getElementType(), item));
        }
        yield array;
      }
      case MAP -> {
        ObjectNode map = NODES.objectNode();
        ((Map<?, ?>) value)
            .forEach(
                (key, item) -> map.set(String.valueOf(key), value(schema.getValueType(), item)));
        yield map;
      }
      case ENUM, STRING -> NODES.stringNode(value.toString());
      case INT -> NODES.numberNode(((Number) value).intValue());
      case LONG -> NODES.numberNode(((Number) value).longValue());
      case FLOAT -> NODES.numberNode(((Number) value).floatValue());
      case DOUBLE -> NODES.numberNode(((Number) value).doubleValue());
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case BYTES -> NODES.stringNode(base64(value));
      case FIXED ->
          NODES.stringNode(
              Base64.getEncoder()
                  .encodeToString(
                      value instanceof GenericFixed fixed ? fixed.bytes() : new byte[0]));
      case NULL -> NODES.nullNode();
    };
  }

  /** Logical types with a natural JSON text; null for the others (rendered by their base type). */
  private static JsonNode logical(String name, Object value) {
    return switch (name) {
      case "timestamp-millis", "local-timestamp-millis" ->
          value instanceof Number millis
              ? NODES.stringNode(Instant.ofEpochMilli(millis.longValue()).toString())
              : NODES.stringNode(value.toString());
      case "timestamp-micros", "local-timestamp-micros" ->
          value instanceof Number micros
              ? NODES.stringNode(
                  Instant.EPOCH.plusNanos(Math.multiplyExact(micros.longValue(), 1000L)).toString())
              : NODES.stringNode(value.toString());
      case "date" ->
          value instanceof Number days
              ? NODES.stringNode(LocalDate.ofEpochDay(days.longValue()).toString())
              : NODES.stringNode(value.toString());
      case "uuid" -> NODES.stringNode(value.toString());
      default -> null;
    };
  }

  private static int branch(Schema union, Object value) {
    if (value instanceof GenericContainer container) {
      Integer index = union.getIndexNamed(container.getSchema().getFullName());
      if (index != null) {
        return index;
      }
    }
    return SpecificData.get().resolveUnion(union, value);
  }

  private static String base64(Object value) {
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }
    return value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : "";
  }
}
